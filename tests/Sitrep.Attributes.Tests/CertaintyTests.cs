namespace Sitrep.Attributes.Tests;

public sealed class CertaintyTests
{
    private static EventAttributes One(string text, string trigger, string cameo = "190", bool negated = false, string? modality = null)
    {
        var doc = TestDocs.Make(text);
        var r = TestDocs.Annotator.Annotate(doc, [TestDocs.Event(doc, trigger, cameo, 0, negated, modality)]);
        return r.Events[0].Attributes;
    }

    [Theory]
    [InlineData("Gunmen attacked a hotel in Mogadishu on Tuesday.", "attacked", "asserted")]
    [InlineData("Gunmen attacked a hotel in Mogadishu on Tuesday, police said.", "attacked", "reported")]
    [InlineData("The rebels claimed they had attacked the base.", "attacked", "claimed")]
    [InlineData("The army denied that it had attacked the village.", "attacked", "denied")]
    [InlineData("The army did not attack the village.", "attack", "negated")]
    [InlineData("If talks fail, the army could attack the city.", "attack", "hypothetical")]
    [InlineData("The government will deploy troops to the border next week.", "deploy", "intended")]
    [InlineData("Putin promised the soldiers would only serve in the rear.", "serve", "intended")]
    public void Levels(string text, string trigger, string expected) => Assert.Equal(expected, One(text, trigger).Certainty);

    [Fact]
    public void CoderNegationAndModalityAreRespected()
    {
        Assert.Equal("negated", One("The army attacked the village.", "attacked", negated: true).Certainty);
        Assert.Equal("intended", One("The army threatened the village.", "threatened", modality: "threaten").Certainty);
    }

    [Fact]
    public void UnverifiedBySourceName()
    {
        var a = One("The militia said it shot down two drones. VOA could not independently verify the militia's claims.", "shot");
        Assert.Equal("unverified", a.Certainty);
    }

    [Fact]
    public void RealVoaSentence()
    {
        // VOA 8009976: "Afghanistan denies link to train attack in Pakistan"
        Assert.Equal("denied", One("The Taliban government in Afghanistan denied any role in the attack on the train.", "attack").Certainty);
    }
}
