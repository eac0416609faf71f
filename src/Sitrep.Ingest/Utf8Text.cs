using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Sitrep.Ingest;

/// <summary>UTF-8 decoding that replaces invalid sequences with U+FFFD and says where the first one was.</summary>
internal static class Utf8Text
{
    /// <summary>
    /// Decodes <paramref name="bytes"/>; <paramref name="firstInvalid"/> is the index of the first
    /// invalid byte (-1 when the input is valid) and <paramref name="invalidCount"/> the number of
    /// invalid sequences replaced.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, out long firstInvalid, out int invalidCount)
    {
        firstInvalid = -1;
        invalidCount = 0;
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }
        var pos = 0;
        while (pos < bytes.Length)
        {
            var rest = bytes[pos..];
            var valid = Utf8.IsValid(rest) ? rest.Length : IndexOfInvalid(rest);
            if (valid == rest.Length)
            {
                break;
            }
            if (firstInvalid < 0)
            {
                firstInvalid = pos + valid;
            }
            invalidCount++;
            Rune.DecodeFromUtf8(rest[valid..], out _, out var consumed);
            pos += valid + Math.Max(1, consumed);
        }
        // Encoding.UTF8 replaces each maximal invalid subsequence with U+FFFD, as the Unicode standard recommends.
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Index of the first byte of the first invalid sequence (bytes.Length when valid).</summary>
    private static int IndexOfInvalid(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Min(bytes.Length, 1 << 16) + 4);
        try
        {
            var pos = 0;
            while (pos < bytes.Length)
            {
                var status = Utf8.ToUtf16(bytes[pos..], buffer, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                pos += read;
                if (status != OperationStatus.DestinationTooSmall)
                {
                    return status == OperationStatus.Done ? bytes.Length : pos;
                }
            }
            return bytes.Length;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
