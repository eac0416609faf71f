namespace Sitrep.Coding.Tests;

/// <summary>Coded events as text, one per line with their trace, for assertion messages.</summary>
internal static class EventDump
{
    public static string Of(IEnumerable<CodedEvent> events) =>
        string.Join("\n", events.Select(e => $"{e.PloverType} {e.CameoCode} '{e.TriggerText}' {e.Source?.Code} -> {e.Target?.Code} | {string.Join(" ; ", e.Why)}"));
}
