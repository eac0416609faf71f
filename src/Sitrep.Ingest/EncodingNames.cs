using System.Text;

namespace Sitrep.Ingest;

/// <summary>Encoding names as users and documents write them ("latin1", "windows-1252", "shift_jis"), with the legacy code pages registered.</summary>
public static class EncodingNames
{
    /// <summary>The encoding for <paramref name="name"/>, null for UTF-8; <paramref name="known"/> is false for an unknown name.</summary>
    public static Encoding? Resolve(string name, out bool known)
    {
        var e = EncodingSniffer.Resolve(name);
        known = e is not null || EncodingSniffer.IsUtf8(name);
        return e;
    }
}
