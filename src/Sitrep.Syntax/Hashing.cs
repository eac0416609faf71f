namespace Sitrep.Syntax;

/// <summary>
/// Stable 64-bit hashing for feature keys. string.GetHashCode is randomised per process, so
/// models would not survive a restart; these functions give the same value everywhere.
/// </summary>
internal static class Hashing
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static ulong Of(ReadOnlySpan<char> s)
    {
        var h = FnvOffset;
        foreach (var c in s)
        {
            h = (h ^ c) * FnvPrime;
        }
        return Mix(h);
    }

    public static ulong OfLower(ReadOnlySpan<char> s)
    {
        var h = FnvOffset;
        foreach (var c in s)
        {
            h = (h ^ char.ToLowerInvariant(c)) * FnvPrime;
        }
        return Mix(h);
    }

    /// <summary>Hash of the last <paramref name="n"/> characters of an already lowercased word (the whole word when shorter).</summary>
    public static ulong LoweredSuffix(ReadOnlySpan<char> lower, int n) => Of(lower.Length <= n ? lower : lower[^n..]) ^ (ulong)n * 0x9E3779B97F4A7C15UL;

    /// <summary>Hash of the first <paramref name="n"/> characters of an already lowercased word.</summary>
    public static ulong LoweredPrefix(ReadOnlySpan<char> lower, int n) => Of(lower.Length <= n ? lower : lower[..n]) ^ (ulong)(n + 8) * 0xC2B2AE3D27D4EB4FUL;

    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    public static ulong F(int template, ulong a) => Mix(((ulong)template << 56) ^ a);

    public static ulong F(int template, ulong a, ulong b) => Mix(((ulong)template << 56) ^ a ^ Mix(b + 0x9E3779B97F4A7C15UL));

    public static ulong F(int template, ulong a, ulong b, ulong c) => Mix(((ulong)template << 56) ^ a ^ Mix(b + 0x9E3779B97F4A7C15UL) ^ Mix(Mix(c + 0x632BE59BD9B4E019UL)));

    /// <summary>A compact word shape: "Xxxx" → "Xx", "1990" → "d", "U.S." → "X.X."; runs collapse.</summary>
    public static ulong Shape(ReadOnlySpan<char> s)
    {
        var h = FnvOffset;
        var last = '\0';
        var n = 0;
        foreach (var c in s)
        {
            var k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            if (k == last)
            {
                continue;
            }
            last = k;
            h = (h ^ k) * FnvPrime;
            if (++n >= 6)
            {
                break;
            }
        }
        return Mix(h ^ 0x5bd1e995UL);
    }
}
