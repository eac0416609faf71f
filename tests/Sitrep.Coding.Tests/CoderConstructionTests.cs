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
