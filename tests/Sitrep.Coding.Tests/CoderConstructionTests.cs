using Sitrep.Text;

namespace Sitrep.Coding.Tests;

/// <summary>Coding of real VOA sentences, one per construction, over hand-checked UD parses.</summary>
public sealed class CoderConstructionTests
{
    private static readonly EventCoder Coder = EventCoder.LoadDefault();
    private static readonly DateTimeOffset March2025 = new(2025, 3, 12, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RelativeClauseTakesItsHeadAsSource()
    {
        // VOA 8008152
        var doc = ParsedDoc.Create(
            "Our security forces successfully got rid of six militants who attacked a hotel where traditional elders and security officials were meeting.",
            "Our/we/PRON/3/nmod:poss security/security/NOUN/3/compound forces/force/NOUN/5/nsubj successfully/successfully/ADV/5/advmod " +
            "got/get/VERB/0/root rid/rid/ADJ/5/xcomp of/of/ADP/9/case six/six/NUM/9/nummod militants/militant/NOUN/6/obl " +
            "who/who/PRON/11/nsubj attacked/attack/VERB/9/acl:relcl a/a/DET/13/det hotel/hotel/NOUN/11/obj",
            March2025);
        var events = Coder.Code(doc);
        var attack = Assert.Single(events, e => e.TriggerText == "attacked");
        Assert.Equal("FIGHT", attack.PloverType);
        Assert.Equal("190", attack.CameoCode);
        Assert.NotNull(attack.Source);
        Assert.Contains("REB", attack.Source!.Sectors);
        Assert.Contains("militants", attack.Source.Text);
        Assert.Contains(attack.Why, w => w.Contains("relative clause", StringComparison.Ordinal));
    }

    [Fact]
    public void CoordinatedVerbsShareTheSubjectAndThreatIsAMode()
    {
        // VOA 6205629
        var doc = ParsedDoc.Create(
            "The Taliban denounced the delay and threatened to break their cease-fire with international forces.",
            "The/the/DET/2/det Taliban/Taliban/PROPN/3/nsubj denounced/denounce/VERB/0/root the/the/DET/5/det delay/delay/NOUN/3/obj " +
            "and/and/CCONJ/7/cc threatened/threaten/VERB/3/conj to/to/PART/9/mark break/break/VERB/7/xcomp their/their/PRON/11/nmod:poss " +
            "cease-fire/cease-fire/NOUN/9/obj with/with/ADP/14/case international/international/ADJ/14/amod forces/force/NOUN/11/nmod",
            new DateTimeOffset(2020, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var events = Coder.Code(doc);
        Assert.True(events.Any(e => e.PloverType == "THREATEN"), Dump(events) + "\n" + string.Join(" ", doc.Tokens.Select(t => $"{doc.Text[t.Start..t.End]}:{t.Head}:{t.DepRel}")));
        var denounce = Assert.Single(events, e => e.TriggerText == "denounced");
        Assert.Equal("DISAPPROVE", denounce.PloverType);
        Assert.Equal("AFGREB", denounce.Source?.Code);
        var threat = Assert.Single(events.Where(e => e.PloverType == "THREATEN"), _ => true);
        Assert.StartsWith("AFG", threat.Source?.Code);
        Assert.Equal("threaten", threat.Modality);
        Assert.StartsWith("13", threat.CameoCode);
    }

    [Fact]
    public void NegationIsRecorded()
    {
        // VOA 8008456
        var doc = ParsedDoc.Create(
            "Russia has not agreed to the ceasefire, but Trump said Tuesday that he had representatives on their way to Moscow for discussions.",
            "Russia/Russia/PROPN/4/nsubj has/have/AUX/4/aux not/not/PART/4/advmod agreed/agree/VERB/0/root to/to/ADP/7/case the/the/DET/7/det ceasefire/ceasefire/NOUN/4/obl",
            March2025);
        var agree = Assert.Single(Coder.Code(doc), e => e.TriggerText == "agreed");
        Assert.Equal("AGREE", agree.PloverType);
        Assert.True(agree.Negated);
        Assert.Equal("RUS", agree.Source?.Country);
    }

    [Fact]
    public void ReportedSpeechRecordsTheReporter()
    {
        // VOA 8011115
        var doc = ParsedDoc.Create(
            "The officials also said they arrested seven additional IS members, including two women, in a follow-up operation in Anbar.",
            "The/the/DET/2/det officials/official/NOUN/4/nsubj also/also/ADV/4/advmod said/say/VERB/0/root they/they/PRON/6/nsubj " +
            "arrested/arrest/VERB/4/ccomp seven/seven/NUM/10/nummod additional/additional/ADJ/10/amod IS/IS/PROPN/10/compound members/member/NOUN/6/obj",
            new DateTimeOffset(2025, 3, 14, 0, 0, 0, TimeSpan.Zero));
        var events = Coder.Code(doc);
        var arrest = Assert.Single(events);
        Assert.Equal("COERCE", arrest.PloverType);
        Assert.Equal("arrest", arrest.PloverMode);
        Assert.Equal("173", arrest.CameoCode);
        var reporter = Assert.Single(arrest.ReportedBy);
        Assert.Equal("officials", reporter.Text);
    }

    [Fact]
    public void PassiveSubjectIsTheTargetAndUnknownNamesKeepTheirKind()
    {
        // VOA 8008998
        var doc = ParsedDoc.Create(
            "In 2022, he and his colleague Chengeto Chidi were arrested for taking photos of the police during the arrest of an opposition lawmaker.",
            "In/in/ADP/2/case 2022/2022/NUM/11/obl ,/,/PUNCT/11/punct he/he/PRON/11/nsubj:pass and/and/CCONJ/7/cc his/his/PRON/7/nmod:poss " +
            "colleague/colleague/NOUN/4/conj Chengeto/Chengeto/PROPN/7/appos Chidi/Chidi/PROPN/8/flat were/be/AUX/11/aux:pass arrested/arrest/VERB/0/root",
            March2025);
        var events = Coder.Code(doc);
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("COERCE", e.PloverType));
        Assert.All(events, e => Assert.Null(e.Source));
        Assert.True(events.Any(e => e.Target?.Text == "Chengeto Chidi"), Dump(events));
        var named = Assert.Single(events, e => e.Target?.Text == "Chengeto Chidi");
        Assert.Null(named.Target!.Code);
        Assert.Equal("person", named.Target.Kind);
    }

    [Fact]
    public void CoordinatedActorsGiveOneEventEach()
    {
        // VOA 8008079
        var doc = ParsedDoc.Create(
            "India and Mauritius have upgraded their ties, say leaders of both countries.",
            "India/India/PROPN/5/nsubj and/and/CCONJ/3/cc Mauritius/Mauritius/PROPN/1/conj have/have/AUX/5/aux upgraded/upgrade/VERB/0/root " +
            "their/their/PRON/7/nmod:poss ties/tie/NOUN/5/obj ,/,/PUNCT/9/punct say/say/VERB/5/parataxis leaders/leader/NOUN/9/nsubj",
            March2025);
        var events = Coder.Code(doc).Where(e => e.TriggerText == "upgraded").ToList();
        Assert.True(events.Count == 2, Dump(Coder.Code(doc)));
        Assert.Equal(["IND", "MUS"], events.Select(e => e.Source!.Country).Order().ToList());
        Assert.All(events, e => Assert.Equal("SUPPORT", e.PloverType));
        Assert.Equal(2, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Equal("leaders", Assert.Single(e.ReportedBy).Text));
    }

    [Fact]
    public void DemonymAndSectorNounComposeTheActorCode()
    {
        // VOA 8010418
        var doc = ParsedDoc.Create(
            "Last month, a Bosnian court sentenced Dodik to one year in prison and banned him from politics for six years.",
            "Last/last/ADJ/2/amod month/month/NOUN/7/obl:tmod ,/,/PUNCT/7/punct a/a/DET/6/det Bosnian/Bosnian/ADJ/6/amod court/court/NOUN/7/nsubj " +
            "sentenced/sentence/VERB/0/root Dodik/Dodik/PROPN/7/obj to/to/ADP/12/case one/one/NUM/12/nummod year/year/NOUN/7/obl in/in/ADP/14/case prison/prison/NOUN/12/nmod " +
            "and/and/CCONJ/16/cc banned/ban/VERB/7/conj him/he/PRON/16/obj",
            March2025);
        var events = Coder.Code(doc);
        var sentence = Assert.Single(events, e => e.TriggerText == "sentenced");
        Assert.Equal("COERCE", sentence.PloverType);
        Assert.Equal("BIHJUD", sentence.Source?.Code);
        Assert.Equal("Bosnian court", sentence.Source?.Text);
        Assert.Contains("+", sentence.Source?.DictionaryEntry);
        Assert.Equal("Dodik", sentence.Target?.Text);
        Assert.Null(sentence.Target?.Code);
        var ban = Assert.Single(events, e => e.TriggerText == "banned");
        Assert.Equal("BIHJUD", ban.Source?.Code);
    }

    [Fact]
    public void IntentionIsAModality()
    {
        // VOA 8010030
        var doc = ParsedDoc.Create(
            "He also plans to urge G7 foreign ministers to focus on ending the Russia-Ukraine war.",
            "He/he/PRON/3/nsubj also/also/ADV/3/advmod plans/plan/VERB/0/root to/to/PART/5/mark urge/urge/VERB/3/xcomp G7/G7/PROPN/8/compound " +
            "foreign/foreign/ADJ/8/amod ministers/minister/NOUN/5/obj to/to/PART/10/mark focus/focus/VERB/5/xcomp",
            new DateTimeOffset(2025, 3, 13, 0, 0, 0, TimeSpan.Zero));
        var urge = Assert.Single(Coder.Code(doc));
        Assert.Equal("urge", urge.TriggerText);
        Assert.Equal("REQUEST", urge.PloverType);
        Assert.Equal("intend", urge.Modality);
        // The G7 (IGO) + "foreign ministers" (GOV).
        Assert.Equal("IGOGOV", urge.Target?.Code);
        Assert.Contains(urge.Why, w => w.StartsWith("'plans ... urge'", StringComparison.Ordinal) || w.Contains("plans", StringComparison.Ordinal));
    }

    private static string Dump(IEnumerable<CodedEvent> events) =>
        string.Join("\n", events.Select(e => $"{e.PloverType} {e.CameoCode} '{e.TriggerText}' {e.Source?.Text}|{e.Source?.Code} -> {e.Target?.Text}|{e.Target?.Code} {string.Join(" / ", e.Why)}"));

    [Fact]
    public void EventIdsAreStableAcrossRuns()
    {
        static Doc Make() => ParsedDoc.Create(
            "Russia has not agreed to the ceasefire.",
            "Russia/Russia/PROPN/4/nsubj has/have/AUX/4/aux not/not/PART/4/advmod agreed/agree/VERB/0/root to/to/ADP/7/case the/the/DET/7/det ceasefire/ceasefire/NOUN/4/obl",
            March2025, "voa-8008456");
        var first = Coder.Code(Make()).Select(e => e.Id).ToList();
        var second = EventCoder.LoadDefault().Code(Make()).Select(e => e.Id).ToList();
        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        var e = Coder.Code(Make())[0];
        Assert.Equal(first[0], EventCoder.EventId("voa-8008456", 0, e.Trigger, e.CameoCode, e.Source?.Span, e.Target?.Span));
    }
}
