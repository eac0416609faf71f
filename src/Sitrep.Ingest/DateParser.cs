using System.Globalization;

namespace Sitrep.Ingest;

/// <summary>
/// Lenient publication-time parsing: ISO 8601 dates and times ("2023-03-13", "2025-03-14 20:30:26Z",
/// "2023-03-13T08:15:00+02:00"), RFC 1123/822 as in RSS ("Mon, 13 Mar 2023 10:00:00 GMT", "... +0000",
/// "... EST"), and Unix epoch seconds or milliseconds. Times without a zone are taken as UTC.
/// </summary>
public static class DateParser
{
    private static readonly (string Zone, string Offset)[] Zones =
    [
        ("GMT", "+00:00"), ("UTC", "+00:00"), ("UT", "+00:00"), ("Z", "+00:00"),
        ("EST", "-05:00"), ("EDT", "-04:00"), ("CST", "-06:00"), ("CDT", "-05:00"),
        ("MST", "-07:00"), ("MDT", "-06:00"), ("PST", "-08:00"), ("PDT", "-07:00"),
    ];

    public static bool TryParse(string? value, out DateTimeOffset result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }
        var s = value.Trim();
        if (s.Length is >= 9 and <= 13 && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return TryFromEpoch(epoch, out result);
        }
        if (DateTimeOffset.TryParseExact(s, ExactFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out result))
        {
            return true;
        }
        // JavaScript's Date.toString(): "Mon Mar 13 2023 10:00:00 GMT+0000 (Coordinated Universal Time)".
        var paren = s.IndexOf(" (", StringComparison.Ordinal);
        if (paren > 0 && s.EndsWith(')'))
        {
            s = s[..paren];
        }
        var gmt = s.IndexOf("GMT+", StringComparison.Ordinal) is var plus and >= 0 ? plus : s.IndexOf("GMT-", StringComparison.Ordinal);
        if (gmt > 0 && s.Length == gmt + 8)
        {
            s = s[..gmt] + s[(gmt + 3)..];
        }
        // Feeds often carry a weekday that does not match the date, which .NET then rejects; the date decides.
        foreach (var separator in (ReadOnlySpan<char>)[',', ' '])
        {
            var cut = s.IndexOf(separator);
            if (cut > 0 && IsWeekday(s.AsSpan(0, cut)))
            {
                s = s[(cut + 1)..].TrimStart();
                break;
            }
        }
        foreach (var (zone, offset) in Zones)
        {
            if (s.Length > zone.Length + 1 && s.EndsWith(zone, StringComparison.OrdinalIgnoreCase)
                && (s[^(zone.Length + 1)] == ' ' || zone == "Z" && char.IsDigit(s[^2])))
            {
                s = s[..^zone.Length].TrimEnd() + offset;
                break;
            }
        }
        // RFC 822 numeric zones ("+0000") need a colon for DateTimeOffset.
        if (s.Length > 6 && (s[^5] == '+' || s[^5] == '-') && s[^6] == ' ' && s[^4..].All(char.IsAsciiDigit))
        {
            s = s[..^2] + ":" + s[^2..];
        }
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out result);
    }

    private static readonly string[] ExactFormats = ["yyyyMMdd", "yyyyMMdd'T'HHmmss'Z'", "dd.MM.yyyy", "dd.MM.yyyy HH:mm", "dd.MM.yyyy HH:mm:ss"];

    private static readonly string[] Weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private static bool IsWeekday(ReadOnlySpan<char> word)
    {
        if (word.Length < 3)
        {
            return false;
        }
        foreach (var day in Weekdays)
        {
            if (word[..3].Equals(day, StringComparison.OrdinalIgnoreCase)
                && (word.Length == 3 || word.EndsWith("day", StringComparison.OrdinalIgnoreCase) || word is "Tues" or "Thur" or "Thurs" || word.Length == 4 && word[3] == '.'))
            {
                return true;
            }
        }
        return false;
    }

    public static bool TryFromEpoch(long epoch, out DateTimeOffset result)
    {
        result = default;
        // 13 digits are milliseconds (Java/JavaScript timestamps), fewer are seconds.
        var ms = epoch >= 100_000_000_000L ? epoch : epoch * 1000;
        if (ms < 0 || ms > 253_402_300_799_999L)
        {
            return false;
        }
        result = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }
}
