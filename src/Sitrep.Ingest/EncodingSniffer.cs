using System.Text;
using System.Text.RegularExpressions;

namespace Sitrep.Ingest;

/// <summary>Byte-order marks and declared charsets (HTML meta charset, XML encoding declaration).</summary>
internal static partial class EncodingSniffer
{
    static EncodingSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding a BOM announces (null for UTF-8 or no BOM) and the BOM's length.</summary>
    public static (Encoding? Encoding, int BomLength) DetectBom(ReadOnlySpan<byte> h)
    {
        if (h.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (null, 3);
        }
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        }
        if (h.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        }
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        }
        return (null, 0);
    }

    /// <summary>
    /// The charset an HTML or XML document declares in its first bytes. Returns the declared name
    /// (null when none); <paramref name="encoding"/> is null when it is UTF-8 or unknown.
    /// </summary>
    public static string? Declared(ReadOnlySpan<byte> header, bool html, out Encoding? encoding)
    {
        encoding = null;
        // Declarations are ASCII, so Latin-1 decodes them whatever the real encoding is.
        var text = Encoding.Latin1.GetString(header[..Math.Min(header.Length, 4096)]);
        var m = XmlDeclaration().Match(text);
        if (!m.Success && html)
        {
            m = MetaCharset().Match(text);
        }
        if (!m.Success)
        {
            return null;
        }
        var name = m.Groups[1].Value;
        encoding = Resolve(name);
        return name;
    }

    public static bool IsUtf8(string label) => label.Trim().ToLowerInvariant() is "utf-8" or "utf8" or "unicode-1-1-utf-8";

    /// <summary>UTF-8 or a UTF-16 label: read as UTF-8 without complaint (see <see cref="Resolve"/>).</summary>
    public static bool IsUnicode(string label) =>
        IsUtf8(label) || label.Trim().ToLowerInvariant() is "utf-16" or "utf-16le" or "utf-16be" or "unicode";

    /// <summary>Maps a charset label to an encoding, following the WHATWG rule that Latin-1 and ASCII mean windows-1252.</summary>
    public static Encoding? Resolve(string label)
    {
        var l = label.Trim().ToLowerInvariant();
        switch (l)
        {
            case "utf-8" or "utf8" or "unicode-1-1-utf-8":
                return null;
            // A document read byte by byte cannot be UTF-16 without a BOM; browsers read these labels as UTF-8.
            case "utf-16" or "utf-16le" or "utf-16be" or "unicode":
                return null;
            case "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "windows-1252":
                l = "windows-1252";
                break;
        }
        try
        {
            var e = Encoding.GetEncoding(l);
            return e.CodePage == Encoding.UTF8.CodePage ? null : e;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
