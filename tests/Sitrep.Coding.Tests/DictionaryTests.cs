using Sitrep.Coding.Import;

namespace Sitrep.Coding.Tests;

public sealed class DictionaryTests
{
    private static readonly EventCoder Coder = EventCoder.LoadDefault();

    [Fact]
    public void ShippedDictionariesAndOntologiesHaveNoErrors()
    {
        var (coder, issues) = EventCoder.Check(DictionaryFile.BuiltIn());
        Assert.NotNull(coder);
        Assert.DoesNotContain(issues, i => i.IsError);
        Assert.True(coder!.Actors.Count > 30000);
        Assert.True(coder.Rules.Count > 5000);
    }

    [Fact]
    public void OntologyHasEveryRootWithGoldsteinAndPlover()
    {
        var o = Coder.Ontology;
        Assert.Equal(-10.0, o.Get("190")!.Goldstein);
        Assert.Equal("FIGHT", o.Get("190")!.PloverType);
        Assert.Equal(4, o.Get("173")!.Quad);
        Assert.Equal("COERCE", o.Get("173")!.PloverType);
        Assert.Equal("arrest", o.Get("173")!.PloverMode);
        Assert.Equal(7.0, o.Get("070")!.Goldstein);
        for (var root = 1; root <= 20; root++)
        {
            Assert.NotNull(o.Get(root.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
        }
        // PLOVER 2021 renamed DEMAND to REQUEST: both are accepted, REQUEST is canonical.
        Assert.Equal("REQUEST", o.CanonicalType("DEMAND"));
        Assert.Equal("REQUEST", o.CanonicalType("REQUEST"));
        Assert.Equal("REQUEST", o.Get("100")!.PloverType);
    }

    [Theory]
    [InlineData("V slam", "111")]
    [InlineData("V arrest", "173")]
    public void VerbDefaultsAreImported(string rule, string code)
    {
        var lemma = rule.Split(' ')[1];
        var r = Coder.Rules.Verb(lemma).Single(x => x.Groups.Count == 0);
        Assert.Equal(code, r.Code);
    }

    [Fact]
    public void PatternsAreKeyedByLemmaAndDependents()
    {
        Assert.Contains(Coder.Rules.Verb("call"), r => r.Code == "154" && r.Text.Contains("reservist", StringComparison.Ordinal));
        Assert.Contains(Coder.Rules.Verb("launch"), r => r.Code == "190" && r.Text.Contains("invasion", StringComparison.Ordinal));
        Assert.Contains(Coder.Rules.Noun("protest"), r => r.Code == "141");
        Assert.Contains(Coder.Rules.Noun("talk"), r => r.Code == "046");
    }

    [Fact]
    public void LeadersAreCodedByTheArticleDate()
    {
        var putin = Coder.Actors.Lookup("Vladimir Putin")!;
        Assert.Equal("RUSGOV", putin.CodeOn(new DateOnly(2005, 6, 1)));
        Assert.Equal("RUSELI", putin.CodeOn(new DateOnly(1995, 6, 1)));
        var biden = Coder.Actors.Lookup("Biden")!;
        Assert.Equal("USAGOV", biden.CodeOn(new DateOnly(2022, 1, 1)));
        Assert.Equal("USAELI", biden.CodeOn(new DateOnly(2025, 6, 1)));
    }

    [Theory]
    [InlineData("Moscow", "RUS")]
    [InlineData("Kyiv", "UKR")]
    [InlineData("Russians", "RUS")]
    [InlineData("U.N.", "IGOUNO")]
    [InlineData("al-Qaeda", "IMGMUSREB")]
    public void DemonymsCapitalsAndNamesAreKnown(string name, string code)
    {
        Assert.Equal(code, Coder.Actors.Lookup(name)?.CodeOn(null));
    }

    [Fact]
    public void ImporterReadsTheRealPhoenixFiles()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "sitrep-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            var report = PhoenixImporter.Run(RepoPaths.Petrarch, outDir);
            Assert.Equal(5, report.Written.Count);
            var (coder, issues) = EventCoder.Check(
                DictionaryFile.BuiltIn().Where(f => f.Kind is "cameo" or "plover").Concat(DictionaryFile.FromDirectory(outDir)).ToList());
            Assert.DoesNotContain(issues, i => i.IsError);
            Assert.NotNull(coder);
            // Officials keep their date ranges; agents carry sectors; patterns keep their dependents.
            var karzai = coder!.Actors.Lookup("Hamid Karzai")!;
            Assert.Equal("AFGGOV", karzai.CodeOn(new DateOnly(2005, 1, 1)));
            Assert.Equal("person", karzai.Kind);
            // A country whose code is dated (occupied until 1990) is still a country, not a person.
            var lithuania = coder.Actors.Lookup("Lithuania")!;
            Assert.Equal("country", lithuania.Kind);
            Assert.Equal("LTU", lithuania.CodeOn(new DateOnly(2000, 1, 1)));
            Assert.Contains("LTU", coder.Actors.CountryCodes);
            Assert.DoesNotContain("IGO", coder.Actors.CountryCodes);
            Assert.Equal("~MIL", coder.Actors.Lookup("soldiers")!.CodeOn(null));
            Assert.Equal("IGOUNO", coder.Actors.Lookup("United Nations")!.CodeOn(null));
            Assert.Contains(coder.Rules.Verb("arrest"), r => r.Code == "173" && r.Groups.Count == 0);
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, true);
            }
        }
    }

    [Fact]
    public void CheckReportsErrorsWithFileAndLine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sitrep-check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "actors-user.txt"), "# user actors\nwagner group => RUSPRM\nbad entry without arrow\nputin => RUSGOV@2000-13-01..\n");
            File.WriteAllText(Path.Combine(dir, "verbs-user.txt"), "V pummel => 194\nV bash => 999\nX wrong\n");
            var files = DictionaryFile.BuiltIn().Concat(DictionaryFile.FromDirectory(dir)).ToList();
            var (coder, issues) = EventCoder.Check(files);
            Assert.Null(coder);
            var errors = issues.Where(i => i.IsError).Select(i => $"{Path.GetFileName(i.File)}:{i.Line}").ToList();
            Assert.Equal(["actors-user.txt:3", "actors-user.txt:4", "verbs-user.txt:2", "verbs-user.txt:3"], errors.Order().ToList());
            var ex = Assert.Throws<DictionaryException>(() => EventCoder.Load([dir]));
            Assert.Contains("verbs-user.txt:2", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void UserDictionariesOverrideShippedEntries()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sitrep-user-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "verbs-user.txt"), "V slam => 112\n");
            File.WriteAllText(Path.Combine(dir, "actors-user.txt"), "!kind group\nazov brigade => UKRMIL\n");
            var coder = EventCoder.Load([dir]);
            Assert.Equal("112", coder.Rules.Verb("slam").Single(r => r.Groups.Count == 0).Code);
            Assert.Equal("UKRMIL", coder.Actors.Lookup("Azov Brigade")!.CodeOn(null));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
