namespace Sitrep.Coding.Tests;

/// <summary>
/// One VOA-style sentence per general rule added for parser slips and target selection, over
/// hand-written UD parses (including the slips the shipped parser makes).
/// </summary>
public sealed class CoderRuleTests
{
    private static readonly EventCoder Coder = EventCoder.LoadDefault();
    private static readonly DateTimeOffset March2025 = new(2025, 3, 12, 0, 0, 0, TimeSpan.Zero);

    private static string Dump(IEnumerable<CodedEvent> events) => EventDump.Of(events);

    [Fact]
    public void PossessiveCapitalWithSectorNoun()
    {
        var doc = ParsedDoc.Create(
            "Moscow's army has captured several villages in eastern Ukraine.",
            "Moscow/Moscow/PROPN/3/nmod:poss 's/'s/PART/1/case army/army/NOUN/5/nsubj has/have/AUX/5/aux captured/capture/VERB/0/root " +
            "several/several/ADJ/7/amod villages/village/NOUN/5/obj in/in/ADP/10/case eastern/eastern/ADJ/10/amod Ukraine/Ukraine/PROPN/7/nmod ././PUNCT/5/punct",
            March2025);
        var events = Coder.Code(doc);
        var capture = Assert.Single(events, e => e.TriggerText == "captured");
        Assert.Equal("RUSMIL", capture.Source?.Code);
        Assert.Equal("Moscow's army", capture.Source?.Text);
        Assert.Equal("UKR", capture.Target?.Country);
    }

    [Fact]
    public void SectorOnlyTargetTakesTheCountryNamedInsideThePhrase()
    {
        var doc = ParsedDoc.Create(
            "The United Nations will provide emergency food aid to refugees fleeing the fighting in Sudan.",
            "The/the/DET/3/det United/United/PROPN/3/compound Nations/Nations/PROPN/5/nsubj will/will/AUX/5/aux provide/provide/VERB/0/root " +
            "emergency/emergency/NOUN/8/compound food/food/NOUN/8/compound aid/aid/NOUN/5/obj to/to/ADP/10/case refugees/refugee/NOUN/8/nmod " +
            "fleeing/flee/VERB/10/acl the/the/DET/13/det fighting/fighting/NOUN/11/obj in/in/ADP/15/case Sudan/Sudan/PROPN/13/nmod ././PUNCT/5/punct",
            March2025);
        var events = Coder.Code(doc);
        var aid = Assert.Single(events, e => e.TriggerText == "provide");
        Assert.Equal("IGOUNO", aid.Source?.Code);
        Assert.Equal("SDN", aid.Target?.Country);
        Assert.Contains("REF", aid.Target!.Sectors);
        Assert.Equal("refugees", aid.Target.Text);
        Assert.Contains(aid.Why, w => w.Contains("inside the trigger's phrase", StringComparison.Ordinal));
    }

    [Fact]
    public void PrepositionParsedAsClauseMarkerStillGivesTheTarget()
    {
        // The shipped parser reads "from neighboring Lebanon" as a clause "neighboring Lebanon".
        var doc = ParsedDoc.Create(
            "Israel said it would withdraw its troops from neighboring Lebanon.",
            "Israel/Israel/PROPN/2/nsubj said/say/VERB/0/root it/it/PRON/5/nsubj would/would/AUX/5/aux withdraw/withdraw/VERB/2/ccomp " +
            "its/its/PRON/7/nmod:poss troops/troops/NOUN/5/obj from/from/SCONJ/9/mark neighboring/neighbor/VERB/5/advcl Lebanon/Lebanon/PROPN/9/obj ././PUNCT/2/punct",
            March2025);
        var events = Coder.Code(doc);
        var withdraw = Assert.Single(events, e => e.TriggerText == "withdraw");
        Assert.Equal("ISR", withdraw.Source?.Country);
        Assert.Equal("LBN", withdraw.Target?.Country);
    }

    [Fact]
    public void SubjectSetOffByAnAppositiveAndParsedAsVocative()
    {
        var doc = ParsedDoc.Create(
            "Hungary, a NATO member, has refused to send weapons to Ukraine.",
            "Hungary/Hungary/PROPN/8/vocative ,/,/PUNCT/1/punct a/a/DET/5/det NATO/NATO/PROPN/5/compound member/member/NOUN/1/appos ,/,/PUNCT/1/punct " +
            "has/have/AUX/8/aux refused/refuse/VERB/0/root to/to/PART/10/mark send/send/VERB/8/xcomp weapons/weapon/NOUN/10/obj to/to/ADP/13/case " +
            "Ukraine/Ukraine/PROPN/10/obl ././PUNCT/8/punct",
            March2025);
        var events = Coder.Code(doc);
        var refuse = Assert.Single(events, e => e.PloverType == "REJECT");
        Assert.Equal("HUN", refuse.Source?.Code);
        Assert.Equal("UKR", refuse.Target?.Country);
    }

    [Fact]
    public void ControlObjectThatNamesNoActorDoesNotAct()
    {
        var doc = ParsedDoc.Create(
            "Kenyan police opened fire to disperse protesters, killing two people.",
            "Kenyan/Kenyan/ADJ/2/amod police/police/NOUN/3/nsubj opened/open/VERB/0/root fire/fire/NOUN/3/obj to/to/PART/6/mark disperse/disperse/VERB/3/xcomp " +
            "protesters/protester/NOUN/6/obj ,/,/PUNCT/9/punct killing/kill/VERB/6/advcl two/two/NUM/11/nummod people/person/NOUN/9/obj ././PUNCT/3/punct",
            March2025);
        var events = Coder.Code(doc);
        var killing = Assert.Single(events, e => e.TriggerText == "killing");
        Assert.True(killing.Source?.Code == "KENCOP", Dump(events));
    }

    [Fact]
    public void PassiveControlVerbPassesItsSubjectDownTheXcompChain()
    {
        var doc = ParsedDoc.Create(
            "Hundreds of Ukrainian prisoners were forced to join the Russian army.",
            "Hundreds/hundred/NOUN/6/nsubj:pass of/of/ADP/4/case Ukrainian/Ukrainian/ADJ/4/amod prisoners/prisoner/NOUN/1/nmod were/be/AUX/6/aux:pass " +
            "forced/force/VERB/0/root to/to/PART/8/mark join/join/VERB/6/xcomp the/the/DET/11/det Russian/Russian/ADJ/11/amod army/army/NOUN/8/obj ././PUNCT/6/punct",
            March2025);
        var events = Coder.Code(doc);
        var join = Assert.Single(events, e => e.TriggerText.EndsWith("join", StringComparison.Ordinal));
        Assert.True(join.Source?.Country == "UKR", Dump(events));
        Assert.Equal("RUSMIL", join.Target?.Code);
    }

    [Fact]
    public void WithNoTargetInTheParseTheFirstNamedActorRightOfTheVerbIsTheTarget()
    {
        // Parser slip: "to Somalia" attached to the reporting verb.
        var doc = ParsedDoc.Create(
            "Kenya deported two suspected militants to Somalia on Sunday, officials said.",
            "Kenya/Kenya/PROPN/2/nsubj deported/deport/VERB/0/root two/two/NUM/5/nummod suspected/suspect/VERB/5/amod militants/militant/NOUN/2/obj " +
            "to/to/ADP/7/case Somalia/Somalia/PROPN/12/obl on/on/ADP/9/case Sunday/Sunday/PROPN/2/obl ,/,/PUNCT/12/punct officials/official/NOUN/12/nsubj " +
            "said/say/VERB/2/parataxis ././PUNCT/2/punct",
            March2025);
        var events = Coder.Code(doc);
        var deport = Assert.Single(events, e => e.TriggerText == "deported");
        Assert.Equal("KEN", deport.Source?.Code);
        Assert.True(deport.Target?.Code == "SOM", Dump(events));
        Assert.Contains(deport.Why, w => w.Contains("nearest actor right", StringComparison.Ordinal));
    }

    [Fact]
    public void PastVerbParsedAsAnAdjectiveIsStillATrigger()
    {
        // Parser slip: "wounded" read as an adjective of "soldiers"; "the besieged town" stays an adjective.
        var doc = ParsedDoc.Create(
            "Somali militants wounded two Kenyan soldiers near the besieged town on Monday.",
            "Somali/Somali/ADJ/2/amod militants/militant/NOUN/6/nsubj wounded/wounded/ADJ/6/amod two/two/NUM/6/nummod Kenyan/Kenyan/ADJ/6/amod " +
            "soldiers/soldier/NOUN/0/root near/near/ADP/10/case the/the/DET/10/det besieged/besiege/VERB/10/amod town/town/NOUN/6/nmod " +
            "on/on/ADP/12/case Monday/Monday/PROPN/6/nmod ././PUNCT/6/punct",
            March2025);
        var events = Coder.Code(doc);
        var wound = Assert.Single(events, e => e.TriggerText == "wounded");
        Assert.Equal("ASSAULT", wound.PloverType);
        Assert.Equal("SOMREB", wound.Source?.Code);
        Assert.Equal("KEN", wound.Target?.Country);
        Assert.DoesNotContain(events, e => e.TriggerText == "besieged");
    }

    [Theory]
    [InlineData("Kenyan doctors called off a strike on Thursday.",
        "Kenyan/Kenyan/ADJ/2/amod doctors/doctor/NOUN/3/nsubj called/call/VERB/0/root off/off/ADP/3/compound:prt a/a/DET/7/det strike/strike/NOUN/3/obj on/on/ADP/9/case Thursday/Thursday/PROPN/3/obl ././PUNCT/3/punct",
        "called", "082", "CONCEDE")]
    [InlineData("Bangladesh lifted a nationwide curfew on Sunday.",
        "Bangladesh/Bangladesh/PROPN/2/nsubj lifted/lift/VERB/0/root a/a/DET/5/det nationwide/nationwide/ADJ/5/amod curfew/curfew/NOUN/2/obj on/on/ADP/7/case Sunday/Sunday/PROPN/2/obl ././PUNCT/2/punct",
        "lifted", "0813", "CONCEDE")]
    public void EasingDissentAndCurfewsIsConcede(string text, string analysis, string trigger, string code, string type) =>
        AssertCoded(text, analysis, trigger, code, type);

    [Fact]
    public void TitlePlusSurnameNamesAKnownPerson()
    {
        // The dictionary lists "robert mugabe"; "President Mugabe" is the same person.
        var doc = ParsedDoc.Create(
            "Opposition groups in Zimbabwe urged President Mugabe to resign.",
            "Opposition/opposition/NOUN/2/compound groups/group/NOUN/5/nsubj in/in/ADP/4/case Zimbabwe/Zimbabwe/PROPN/2/nmod urged/urge/VERB/0/root " +
            "President/President/PROPN/7/compound Mugabe/Mugabe/PROPN/5/obj to/to/PART/9/mark resign/resign/VERB/5/xcomp ././PUNCT/5/punct",
            new DateTimeOffset(2005, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var events = Coder.Code(doc);
        var urge = Assert.Single(events, e => e.TriggerText == "urged");
        Assert.Equal("ZWEOPP", urge.Source?.Code);
        Assert.True(urge.Target?.Code == "ZWEGOV", Dump(events));
    }

    [Fact]
    public void LowerCaseArabicArticleStartsANameAndAccordingToIsAnAttribution()
    {
        // "according" is lemmatised "accord"; the attribution must not become the target.
        var doc = ParsedDoc.Create(
            "U.S. drone strikes killed three al-Qaeda commanders in Yemen, according to Yemeni officials.",
            "U.S./U.S./PROPN/3/compound drone/drone/NOUN/3/compound strikes/strike/NOUN/4/nsubj killed/kill/VERB/0/root three/three/NUM/9/nummod " +
            "al/al/PROPN/9/compound -/-/PUNCT/6/punct Qaeda/Qaeda/PROPN/6/flat commanders/commander/NOUN/4/obj in/in/ADP/11/case Yemen/Yemen/PROPN/9/nmod " +
            ",/,/PUNCT/16/punct according/accord/VERB/16/case to/to/ADP/13/fixed Yemeni/Yemeni/ADJ/16/amod officials/official/NOUN/4/obl ././PUNCT/4/punct",
            March2025);
        var events = Coder.Code(doc);
        var kill = Assert.Single(events, e => e.TriggerText == "killed");
        Assert.Equal("USA", kill.Source?.Country);
        Assert.True(kill.Target?.Code?.StartsWith("IMG", StringComparison.Ordinal) == true, Dump(events));
        Assert.Equal("Yemeni officials", Assert.Single(kill.ReportedBy).Text);
    }

    [Theory]
    [InlineData("Pro-Russian hackers defaced dozens of Lithuanian government websites on Friday.",
        "Pro-Russian/Pro-Russian/ADJ/2/amod hackers/hacker/NOUN/3/nsubj defaced/deface/VERB/0/root dozens/dozen/NOUN/3/obj of/of/ADP/8/case Lithuanian/Lithuanian/ADJ/8/amod government/government/NOUN/8/compound websites/website/NOUN/4/nmod on/on/ADP/10/case Friday/Friday/PROPN/3/obl ././PUNCT/3/punct",
        "defaced", "176", "COERCE")]
    [InlineData("Georgian opposition parties began collecting signatures against the law.",
        "Georgian/Georgian/ADJ/3/amod opposition/opposition/NOUN/3/compound parties/party/NOUN/4/nsubj began/begin/VERB/0/root collecting/collect/VERB/4/xcomp signatures/signature/NOUN/5/obj against/against/ADP/9/case the/the/DET/9/det law/law/NOUN/5/obl ././PUNCT/4/punct",
        "collecting", "140", "PROTEST")]
    [InlineData("Qatar's emir launched a mediation effort between Rwanda and Congo.",
        "Qatar/Qatar/PROPN/3/nmod:poss 's/'s/PART/1/case emir/emir/NOUN/4/nsubj launched/launch/VERB/0/root a/a/DET/7/det mediation/mediation/NOUN/7/compound effort/effort/NOUN/4/obj between/between/ADP/9/case Rwanda/Rwanda/PROPN/7/nmod and/and/CCONJ/11/cc Congo/Congo/PROPN/9/conj ././PUNCT/4/punct",
        "launched", "045", "CONSULT")]
    [InlineData("Belgian farmers blocked roads in Brussels on Monday.",
        "Belgian/Belgian/ADJ/2/amod farmers/farmer/NOUN/0/root blocked/blocked/ADJ/4/amod roads/road/NOUN/2/appos in/in/ADP/6/case Brussels/Brussels/PROPN/4/nmod on/on/ADP/8/case Monday/Monday/PROPN/2/nmod ././PUNCT/2/punct",
        "blocked", "144", "PROTEST")]
    public void DictionaryEntriesAndMisparsedVerbObjects(string text, string analysis, string trigger, string code, string type) =>
        AssertCoded(text, analysis, trigger, code, type);

    private static void AssertCoded(string text, string analysis, string trigger, string code, string type)
    {
        var events = Coder.Code(ParsedDoc.Create(text, analysis, March2025));
        var matching = events.Where(e => e.TriggerText.StartsWith(trigger, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(matching);
        Assert.All(matching, ev =>
        {
            Assert.Equal(code, ev.CameoCode);
            Assert.Equal(type, ev.PloverType);
        });
    }
}
