namespace Sitrep.Ingest;

/// <summary>
/// A read-only stream that replays bytes already read (for sniffing) before the rest of the
/// inner stream, so format detection works on pipes and stdin, which cannot seek.
/// </summary>
internal sealed class PrefixStream(byte[] prefix, int prefixLength, Stream inner) : Stream
{
    private int _prefixPos;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefixPos < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _prefixPos);
            prefix.AsSpan(_prefixPos, n).CopyTo(buffer);
            _prefixPos += n;
            return n;
        }
        return inner.Read(buffer);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Reads up to <paramref name="size"/> bytes from <paramref name="stream"/> and returns them with a stream that still yields every byte.</summary>
    public static (byte[] Header, int Length, Stream Stream) Peek(Stream stream, int size)
    {
        var header = new byte[size];
        var length = 0;
        while (length < size)
        {
            var n = stream.Read(header, length, size - length);
            if (n == 0)
            {
                break;
            }
            length += n;
        }
        return (header, length, new PrefixStream(header, length, stream));
    }
}
