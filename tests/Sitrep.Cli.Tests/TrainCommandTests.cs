namespace Sitrep.Cli.Tests;

public sealed class TrainCommandTests
{
    [Theory]
    [InlineData("--parser-models", "0")]
    [InlineData("--tagger-models", "0")]
    [InlineData("--move-classes", "2")]
    [InlineData("--move-classes", "31")]
    [InlineData("--beam", "0")]
    [InlineData("--neural-hidden", "0")]
    [InlineData("--neural-layers", "0")]
    [InlineData("--neural-layers", "5")]
    [InlineData("--neural-dropout", "1")]
    [InlineData("--neural-rate", "0")]
    [InlineData("--neural-explore", "1.5")]
    [InlineData("--neural-average", "-0.1")]
    [InlineData("--parser", "slow")]
    public void OutOfRangeTrainingSettingsAreUsageErrors(string option, string value)
    {
        var output = Path.Combine(Path.GetTempPath(), "sitrep-train-" + Guid.NewGuid().ToString("N"));
        // Refused before any treebank is read or anything is written.
        Assert.Equal(2, Program.Main(["train", "syntax", "--ud", "/nonexistent", "--out", output, option, value]));
        Assert.False(Directory.Exists(output));
    }
}
