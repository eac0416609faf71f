namespace Sitrep.Coding.Tests;

/// <summary>
/// Actors the dictionaries name only by a role ("gunmen", "lawmakers") take their country from the
/// sentence; a stated affiliation beats a dictionary role held at another time.
/// </summary>
public sealed class CoderContextTests
{
    private static readonly EventCoder Coder = EventCoder.LoadDefault();
    private static readonly DateTimeOffset March2025 = new(2025, 3, 12, 0, 0, 0, TimeSpan.Zero);

    private static string Dump(IEnumerable<CodedEvent> events) => EventDump.Of(events);

    [Fact]
    public void RoleOnlySourceTakesTheOnlyCountryTheSentenceNames()
    {
        // VOA 8006503
        var doc = ParsedDoc.Create(
            "Gunmen stormed a hotel in the Somali city of Beledweyne on Tuesday.",
            "Gunmen/gunman/NOUN/2/nsubj stormed/storm/VERB/0/root a/a/DET/4/det hotel/hotel/NOUN/2/obj in/in/ADP/8/case the/the/DET/8/det " +
            "Somali/Somali/ADJ/8/amod city/city/NOUN/4/nmod of/of/ADP/10/case Beledweyne/Beledweyne/PROPN/8/nmod on/on/ADP/12/case " +
            "Tuesday/Tuesday/PROPN/2/obl ././PUNCT/2/punct",
            March2025);
        var events = Coder.Code(doc);
        var storm = Assert.Single(events, e => e.TriggerText == "stormed");
        Assert.True(storm.Source?.Country == "SOM", Dump(events));
        Assert.Equal("Gunmen", storm.Source!.Text);
        Assert.Contains(storm.Why, w => w.Contains("only country the sentence names", StringComparison.Ordinal));
    }

    [Fact]
    public void DomesticRoleTakesItsCounterpartsCountry()
    {
        // VOA 8008456
        var doc = ParsedDoc.Create(
            "Republican lawmakers praised Trump and his Cabinet for their strong negotiating stance.",
            "Republican/Republican/ADJ/2/amod lawmakers/lawmaker/NOUN/3/nsubj praised/praise/VERB/0/root Trump/Trump/PROPN/3/obj " +
            "and/and/CCONJ/7/cc his/his/PRON/7/nmod:poss Cabinet/cabinet/NOUN/4/conj for/for/ADP/12/case their/their/PRON/12/nmod:poss " +
            "strong/strong/ADJ/12/amod negotiating/negotiating/NOUN/12/compound stance/stance/NOUN/3/obl ././PUNCT/3/punct",
            March2025);
        var events = Coder.Code(doc);
        var praise = events.First(e => e.TriggerText == "praised" && e.Target?.Text == "Trump");
        Assert.True(praise.Source?.Country == "USA", Dump(events));
        Assert.Contains("LEG", praise.Source!.Sectors);
        Assert.Contains(praise.Why, w => w.Contains("counterpart 'Trump'", StringComparison.Ordinal));
    }

    [Fact]
    public void ForeignMinistersAreNotPlacedInTheCountryTheyDiscuss()
    {
        // VOA 8010842, without "G7": the ministers' own country is not in the sentence.
        var doc = ParsedDoc.Create(
            "The foreign ministers also discussed China's role in global security.",
            "The/the/DET/3/det foreign/foreign/ADJ/3/amod ministers/minister/NOUN/5/nsubj also/also/ADV/5/advmod discussed/discuss/VERB/0/root " +
            "China/China/PROPN/8/nmod:poss 's/'s/PART/6/case role/role/NOUN/5/obj in/in/ADP/11/case global/global/ADJ/11/amod " +
            "security/security/NOUN/8/nmod ././PUNCT/5/punct",
            March2025);
        var events = Coder.Code(doc);
        var discuss = Assert.Single(events, e => e.TriggerText == "discussed");
        Assert.True(discuss.Source is not null && discuss.Source.Country is null, Dump(events));
        Assert.Equal("CHN", discuss.Target?.Country);
    }

    [Fact]
    public void UnknownNameWithTitleIsAnActorWithTheTitlesSector()
    {
        // VOA 6202623 ("... to overthrow President Jovenel Moise"), with the country named.
        var doc = ParsedDoc.Create(
            "Haitian police arrested men accused of plotting to overthrow President Jovenel Moise.",
            "Haitian/Haitian/ADJ/2/amod police/police/NOUN/3/nsubj arrested/arrest/VERB/0/root men/man/NOUN/3/obj accused/accuse/VERB/4/acl " +
            "of/of/SCONJ/7/mark plotting/plot/VERB/5/advcl to/to/PART/9/mark overthrow/overthrow/VERB/7/xcomp President/President/PROPN/12/compound " +
            "Jovenel/Jovenel/PROPN/12/compound Moise/Moise/PROPN/9/obj ././PUNCT/3/punct",
            new DateTimeOffset(2021, 2, 27, 0, 0, 0, TimeSpan.Zero));
        var events = Coder.Code(doc);
        var overthrow = events.FirstOrDefault(e => e.Target?.Text.Contains("Moise", StringComparison.Ordinal) == true);
        Assert.True(overthrow is not null, Dump(events));
        Assert.Equal("President Jovenel Moise", overthrow!.Target!.Text);
        Assert.Equal("person", overthrow.Target.Kind);
        Assert.Equal("HTIGOV", overthrow.Target.Code);
    }

    [Fact]
    public void StatedAffiliationBeatsARoleHeldAtAnotherTime()
    {
        // The dictionary knows Diego Cordovez only as Ecuador's foreign minister (2005-2007); in
        // 1988 he was the U.N. mediator on Afghanistan.
        var doc = ParsedDoc.Create(
            "Afghan rebel leaders met U.N. mediator Diego Cordovez in Islamabad.",
            "Afghan/Afghan/ADJ/3/amod rebel/rebel/NOUN/3/compound leaders/leader/NOUN/4/nsubj met/meet/VERB/0/root U.N./U.N./PROPN/6/compound " +
            "mediator/mediator/NOUN/8/compound Diego/Diego/PROPN/8/compound Cordovez/Cordovez/PROPN/4/obj in/in/ADP/10/case " +
            "Islamabad/Islamabad/PROPN/4/obl ././PUNCT/4/punct",
            new DateTimeOffset(1988, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var events = Coder.Code(doc);
        var meet = Assert.Single(events, e => e.TriggerText == "met");
        Assert.True(meet.Target?.Code?.StartsWith("IGO", StringComparison.Ordinal) == true, Dump(events));
        Assert.Contains("Cordovez", meet.Target!.Text);
        Assert.Equal("AFG", meet.Source?.Country);
    }

    [Fact]
    public void PronounInAReportedClauseIsTheSpeaker()
    {
        // VOA 8008152
        var doc = ParsedDoc.Create(
            "Security forces in Somalia say they killed all six attackers who laid siege to a hotel.",
            "Security/security/NOUN/2/compound forces/force/NOUN/5/nsubj in/in/ADP/4/case Somalia/Somalia/PROPN/2/nmod say/say/VERB/0/root " +
            "they/they/PRON/7/nsubj killed/kill/VERB/5/ccomp all/all/DET/10/det six/six/NUM/10/nummod attackers/attacker/NOUN/7/obj " +
            "who/who/PRON/12/nsubj laid/lay/VERB/10/acl:relcl siege/siege/NOUN/12/obj to/to/ADP/16/case a/a/DET/16/det hotel/hotel/NOUN/12/obl ././PUNCT/5/punct",
            March2025);
        var events = Coder.Code(doc);
        var kill = Assert.Single(events, e => e.TriggerText == "killed");
        Assert.True(kill.Source?.Country == "SOM", Dump(events));
        Assert.Contains(kill.Why, w => w.Contains("the speaker", StringComparison.Ordinal));
    }

    [Fact]
    public void KillingByABombIsANonMilitaryBombing()
    {
        var doc = ParsedDoc.Create(
            "A roadside bomb killed three Afghan soldiers on Sunday.",
            "A/a/DET/3/det roadside/roadside/NOUN/3/compound bomb/bomb/NOUN/4/nsubj killed/kill/VERB/0/root three/three/NUM/7/nummod " +
            "Afghan/Afghan/ADJ/7/amod soldiers/soldier/NOUN/4/obj on/on/ADP/9/case Sunday/Sunday/PROPN/4/obl ././PUNCT/4/punct",
            March2025);
        var events = Coder.Code(doc);
        var kill = Assert.Single(events, e => e.TriggerText == "killed");
        Assert.Equal("183", kill.CameoCode);
        Assert.Equal("ASSAULT", kill.PloverType);
        Assert.Equal("AFGMIL", kill.Target?.Code);
    }

    [Fact]
    public void UnknownCivilSocietyBodyIsAnNgo()
    {
        var doc = ParsedDoc.Create(
            "The Cato Institute criticized the decision.",
            "The/the/DET/3/det Cato/Cato/PROPN/3/compound Institute/Institute/PROPN/4/nsubj criticized/criticize/VERB/0/root " +
            "the/the/DET/6/det decision/decision/NOUN/4/obj ././PUNCT/4/punct",
            March2025);
        var events = Coder.Code(doc);
        var criticize = Assert.Single(events, e => e.TriggerText == "criticized");
        Assert.Equal("NGO", criticize.Source?.Code);
        Assert.Equal("Cato Institute", criticize.Source?.Text);
    }

    [Fact]
    public void EthnicGroupIsCodedByTheCountryItLivesIn()
    {
        var doc = ParsedDoc.Create(
            "Ethnic Russians in eastern Ukraine protested against the government.",
            "Ethnic/ethnic/ADJ/2/amod Russians/Russian/PROPN/6/nsubj in/in/ADP/5/case eastern/eastern/ADJ/5/amod Ukraine/Ukraine/PROPN/2/nmod " +
            "protested/protest/VERB/0/root against/against/ADP/9/case the/the/DET/9/det government/government/NOUN/6/obl ././PUNCT/6/punct",
            March2025);
        var events = Coder.Code(doc);
        var protest = Assert.Single(events, e => e.TriggerText == "protested");
        Assert.True(protest.Source?.Country == "UKR", Dump(events));
        Assert.Contains(protest.Why, w => w.Contains("ethnic group", StringComparison.Ordinal));
    }

    [Fact]
    public void PassiveArrestWithoutAgentIsByTheAuthoritiesOfThePlace()
    {
        var doc = ParsedDoc.Create(
            "A Canadian missionary was arrested in Lebanon.",
            "A/a/DET/3/det Canadian/Canadian/ADJ/3/amod missionary/missionary/NOUN/5/nsubj:pass was/be/AUX/5/aux:pass arrested/arrest/VERB/0/root " +
            "in/in/ADP/7/case Lebanon/Lebanon/PROPN/5/obl ././PUNCT/5/punct",
            March2025);
        var events = Coder.Code(doc);
        var arrest = Assert.Single(events, e => e.TriggerText == "arrested");
        Assert.Equal("LBN", arrest.Source?.Code);
        Assert.Equal("CAN", arrest.Target?.Country);
    }

    [Fact]
    public void OrderingAMaterialActIsThatAct()
    {
        var doc = ParsedDoc.Create(
            "Putin ordered a partial mobilization of Russian reservists.",
            "Putin/Putin/PROPN/2/nsubj ordered/order/VERB/0/root a/a/DET/5/det partial/partial/ADJ/5/amod mobilization/mobilization/NOUN/2/obj " +
            "of/of/ADP/8/case Russian/Russian/ADJ/8/amod reservists/reservist/NOUN/5/nmod ././PUNCT/2/punct",
            new DateTimeOffset(2022, 9, 21, 0, 0, 0, TimeSpan.Zero));
        var events = Coder.Code(doc);
        var order = Assert.Single(events, e => e.TriggerText == "ordered");
        Assert.True(order.PloverType == "MOBILIZE", Dump(events));
        Assert.Equal("RUSGOV", order.Source?.Code);
    }

    [Fact]
    public void FutureMobilizationIsAnnouncedNotThreatened()
    {
        var doc = ParsedDoc.Create(
            "The army will call up 300,000 reservists.",
            "The/the/DET/2/det army/army/NOUN/4/nsubj will/will/AUX/4/aux call/call/VERB/0/root up/up/ADP/4/compound:prt " +
            "300,000/300000/NUM/7/nummod reservists/reservist/NOUN/4/obj ././PUNCT/4/punct",
            new DateTimeOffset(2022, 9, 21, 0, 0, 0, TimeSpan.Zero));
        var events = Coder.Code(doc);
        var call = Assert.Single(events, e => e.TriggerText == "call");
        Assert.True(call.PloverType == "MOBILIZE", Dump(events));
        Assert.Equal("future", call.Modality);
    }

    [Fact]
    public void TheyIsNotACountryNamedInTheSingular()
    {
        var doc = ParsedDoc.CreateSentences(
            "Conscripts were sent to Ukraine. They were called up last week.",
            [
                "Conscripts/conscript/NOUN/3/nsubj:pass were/be/AUX/3/aux:pass sent/send/VERB/0/root to/to/ADP/5/case Ukraine/Ukraine/PROPN/3/obl ././PUNCT/3/punct",
                "They/they/PRON/3/nsubj:pass were/be/AUX/3/aux:pass called/call/VERB/0/root up/up/ADP/3/compound:prt last/last/ADJ/6/amod week/week/NOUN/3/obl:tmod ././PUNCT/3/punct",
            ],
            new DateTimeOffset(2022, 9, 21, 0, 0, 0, TimeSpan.Zero));
        var events = Coder.Code(doc);
        Assert.DoesNotContain(events, e => e.Sentence == 1 && (e.Target?.Country == "UKR" || e.Source?.Country == "UKR"));
    }

    [Fact]
    public void CouldNotVerifyIsNoEvent()
    {
        var doc = ParsedDoc.Create(
            "VOA could not independently verify the claims.",
            "VOA/VOA/PROPN/5/nsubj could/could/AUX/5/aux not/not/PART/5/advmod independently/independently/ADV/5/advmod verify/verify/VERB/0/root " +
            "the/the/DET/7/det claims/claim/NOUN/5/obj ././PUNCT/5/punct",
            March2025);
        Assert.DoesNotContain(Coder.Code(doc), e => e.TriggerText == "verify");
    }

    [Fact]
    public void PossessivePronounGivesTheSubjectsCountry()
    {
        var doc = ParsedDoc.Create(
            "Russia denied that its forces attacked the hospital.",
            "Russia/Russia/PROPN/2/nsubj denied/deny/VERB/0/root that/that/SCONJ/6/mark its/its/PRON/5/nmod:poss forces/force/NOUN/6/nsubj " +
            "attacked/attack/VERB/2/ccomp the/the/DET/8/det hospital/hospital/NOUN/6/obj ././PUNCT/2/punct",
            March2025);
        var events = Coder.Code(doc);
        var attack = Assert.Single(events, e => e.TriggerText == "attacked");
        Assert.True(attack.Source?.Code == "RUSMIL", Dump(events));
    }

    [Theory]
    [InlineData("The Kremlin denied carrying out the strike.", "The/the/DET/2/det Kremlin/Kremlin/PROPN/3/nsubj denied/deny/VERB/0/root carrying/carry/VERB/3/xcomp out/out/ADP/4/compound:prt the/the/DET/7/det strike/strike/NOUN/4/obj ././PUNCT/3/punct", "FIGHT")]
    [InlineData("Opposition parties staged a general strike.", "Opposition/opposition/NOUN/2/compound parties/party/NOUN/3/nsubj staged/stage/VERB/0/root a/a/DET/6/det general/general/ADJ/6/amod strike/strike/NOUN/3/obj ././PUNCT/3/punct", "PROTEST")]
    public void StrikeIsMilitaryUnlessALabourStrike(string text, string analysis, string type)
    {
        var events = Coder.Code(ParsedDoc.Create(text, analysis, March2025));
        Assert.True(events.Any(e => e.PloverType == type), Dump(events));
    }

    [Fact]
    public void GazetteerPlaceIsCountryEvidence()
    {
        // VOA 8006503, without "Somali": only the gazetteer knows Beledweyne.
        const string text = "Gunmen stormed a hotel in Beledweyne on Tuesday.";
        var doc = ParsedDoc.Create(text,
            "Gunmen/gunman/NOUN/2/nsubj stormed/storm/VERB/0/root a/a/DET/4/det hotel/hotel/NOUN/2/obj in/in/ADP/6/case " +
            "Beledweyne/Beledweyne/PROPN/4/nmod on/on/ADP/8/case Tuesday/Tuesday/PROPN/2/obl ././PUNCT/2/punct",
            March2025);
        var at = text.IndexOf("Beledweyne", StringComparison.Ordinal);
        Assert.Null(Assert.Single(Coder.Code(doc), e => e.TriggerText == "stormed").Source?.Country);
        var storm = Assert.Single(Coder.Code(doc, [new NamedPlace(new Sitrep.Text.TextSpan(at, at + 10), "SOM", Locative: true)]), e => e.TriggerText == "stormed");
        Assert.Equal("SOMUAF", storm.Source?.Code);
        Assert.Equal("hotel in Beledweyne", storm.Target?.Text);
        Assert.Equal("SOM", storm.Target?.Country);
        // A bare name that is also a town somewhere ("Rubio said") is neither evidence nor actor.
        var bare = Assert.Single(Coder.Code(doc, [new NamedPlace(new Sitrep.Text.TextSpan(at, at + 10), "SOM", Locative: false)]), e => e.TriggerText == "stormed");
        Assert.Null(bare.Source?.Country);
    }

    [Fact]
    public void BareParticipleHasNoAgentToItsLeft()
    {
        // VOA 8011115, as the shipped parser reads it: "killed" a conjunct of "dead", "describe" a
        // complement of "killed".
        var doc = ParsedDoc.Create(
            "One of the group's most senior leaders is dead, killed in what U.S. and Iraqi officials describe as a joint operation.",
            "One/one/NUM/0/root of/of/ADP/8/case the/the/DET/4/det group/group/NOUN/8/nmod:poss 's/'s/PART/4/case most/most/ADV/7/advmod " +
            "senior/senior/ADJ/8/amod leaders/leader/NOUN/1/nmod is/be/AUX/10/cop dead/dead/ADJ/1/parataxis ,/,/PUNCT/12/punct " +
            "killed/kill/VERB/10/conj/VBN in/in/ADP/14/case what/what/PRON/19/obj U.S./U.S./PROPN/18/compound and/and/CCONJ/17/cc " +
            "Iraqi/Iraqi/ADJ/15/conj officials/official/NOUN/19/nsubj describe/describe/VERB/12/ccomp as/as/ADP/23/case a/a/DET/23/det " +
            "joint/joint/ADJ/23/amod operation/operation/NOUN/19/obl ././PUNCT/10/punct",
            March2025);
        var events = Coder.Code(doc);
        Assert.DoesNotContain(events, e => e.TriggerText == "killed" && (e.Source is not null || e.Target?.Country is "USA" or "IRQ"));
    }

    [Fact]
    public void BareParticipleClauseTakesTheMainSubjectAsTarget()
    {
        // VOA 8011115 as the parser of 2026-12-03 reads it: "killed" an adverbial clause of "dead",
        // whose subject is the one killed, not the killer.
        var doc = ParsedDoc.Create(
            "One of the Islamic State terror group's most senior leaders is dead, killed in what U.S. and Iraqi officials describe as a joint operation.",
            "One/one/NUM/13/nsubj of/of/ADP/11/case the/the/DET/7/det Islamic/Islamic/ADJ/5/amod State/State/PROPN/7/compound " +
            "terror/terror/NOUN/7/compound group/group/NOUN/11/nmod:poss 's/'s/PART/7/case most/most/ADV/10/advmod senior/senior/ADJ/11/amod " +
            "leaders/leader/NOUN/1/nmod is/be/AUX/13/cop dead/dead/ADJ/0/root ,/,/PUNCT/15/punct killed/kill/VERB/13/advcl/VBN " +
            "in/in/ADP/17/case what/what/PRON/15/obl U.S./U.S./PROPN/21/compound and/and/CCONJ/20/cc Iraqi/Iraqi/ADJ/18/conj " +
            "officials/official/NOUN/22/nsubj describe/describe/VERB/17/acl:relcl as/as/ADP/26/case a/a/DET/26/det joint/joint/ADJ/26/amod " +
            "operation/operation/NOUN/22/obl ././PUNCT/13/punct",
            March2025);
        var events = Coder.Code(doc);
        var killed = Assert.Single(events, e => e.TriggerText == "killed");
        Assert.True(killed.Source is null, EventDump.Of(events));
        Assert.Equal("One of the Islamic State terror group's most senior leaders", killed.Target?.Text);
        Assert.Contains(killed.Why, w => w.Contains("bare participle", StringComparison.Ordinal));
    }

    [Fact]
    public void DueToMeetIsFuture()
    {
        var doc = ParsedDoc.Create(
            "Putin is due to meet Trump in Helsinki next week.",
            "Putin/Putin/PROPN/3/nsubj is/be/AUX/3/cop due/due/ADJ/0/root to/to/PART/5/mark meet/meet/VERB/3/xcomp Trump/Trump/PROPN/5/obj " +
            "in/in/ADP/8/case Helsinki/Helsinki/PROPN/5/obl next/next/ADJ/10/amod week/week/NOUN/5/obl:tmod ././PUNCT/3/punct",
            March2025);
        var events = Coder.Code(doc);
        var meet = Assert.Single(events, e => e.TriggerText == "meet");
        Assert.True(meet.Modality == "future", Dump(events));
        Assert.Equal("036", meet.CameoCode);
    }
}
