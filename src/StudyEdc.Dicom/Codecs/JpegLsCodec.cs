using System.Globalization;
using System.Runtime.InteropServices;
using StudyEdc.Dicom.Pixels;

namespace StudyEdc.Dicom.Codecs;

/// <summary>JPEG-LS lossless and near-lossless through CharLS 2 (C API of CharLS 2.4, Debian package libcharls2).</summary>
internal static class JpegLsCodec
{
    private const int InterleaveNone = 0;

    public static void Decode(DicomTransferSyntax syntax, ReadOnlySpan<byte> data, FrameLayout layout, Span<int> output)
    {
        var source = GCHandle.Alloc(data.ToArray(), GCHandleType.Pinned);
        var decoder = IntPtr.Zero;
        try
        {
            NativeCodecLibraries.Require(NativeCodecLibraries.CharLS);
            decoder = CharLSNative.Create();
            if (decoder == IntPtr.Zero)
            {
                throw new DicomCodecException("CharLS could not create a decoder");
            }

            var sourceArray = (byte[])source.Target!;
            Check(CharLSNative.SetSourceBuffer(decoder, source.AddrOfPinnedObject(), (nuint)sourceArray.Length));
            Check(CharLSNative.ReadHeader(decoder));
            Check(CharLSNative.GetFrameInfo(decoder, out var frame));
            Check(CharLSNative.GetInterleaveMode(decoder, out var interleave));
            if (frame.Width != layout.Columns || frame.Height != layout.Rows || frame.ComponentCount != layout.SamplesPerPixel)
            {
                throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture,
                    $"the JPEG-LS frame is {frame.Width} × {frame.Height} with {frame.ComponentCount} components but the dataset says {layout.Columns} × {layout.Rows} with {layout.SamplesPerPixel}"));
            }

            Check(CharLSNative.GetDestinationSize(decoder, 0, out var size));
            var bytesPerSample = frame.BitsPerSample <= 8 ? 1 : 2;
            if (size != (nuint)((long)layout.ValueCount * bytesPerSample))
            {
                throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"the JPEG-LS frame decodes to {size} bytes, not {layout.ValueCount * bytesPerSample}"));
            }

            var decoded = new byte[(int)size];
            var target = GCHandle.Alloc(decoded, GCHandleType.Pinned);
            try
            {
                Check(CharLSNative.DecodeToBuffer(decoder, target.AddrOfPinnedObject(), size, 0));
            }
            finally
            {
                target.Free();
            }

            // Without interleaving CharLS returns one whole plane per component.
            var planar = interleave == InterleaveNone && layout.SamplesPerPixel > 1;
            var pixels = layout.PixelCount;
            for (var i = 0; i < layout.ValueCount; i++)
            {
                var index = planar ? ((i % pixels) * layout.SamplesPerPixel) + (i / pixels) : i;
                output[index] = bytesPerSample == 1 ? decoded[i] : decoded[i * 2] | (decoded[(i * 2) + 1] << 8);
            }
        }
        catch (DllNotFoundException exception)
        {
            throw new DicomCodecException(
                $"{syntax.Name} ({syntax.Uid}) needs the CharLS library {NativeCodecLibraries.CharLS}, which is not installed; install the Debian package libcharls2 (apt-get install libcharls2)",
                exception);
        }
        finally
        {
            if (decoder != IntPtr.Zero)
            {
                CharLSNative.Destroy(decoder);
            }

            source.Free();
        }
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            var message = Marshal.PtrToStringUTF8(CharLSNative.GetErrorMessage(error)) ?? "unknown error";
            throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"CharLS error {error}: {message}"));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct FrameInfo
    {
        public uint Width;
        public uint Height;
        public int BitsPerSample;
        public int ComponentCount;
    }

    private static class CharLSNative
    {
        [DllImport(NativeCodecLibraries.CharLS, EntryPoint = "charls_jpegls_decoder_create")]
        public static extern IntPtr Create();

        [DllImport(NativeCodecLibraries.CharLS, EntryPoint = "charls_jpegls_decoder_destroy")]
        public static extern void Destroy(IntPtr decoder);

        [DllImport(NativeCodecLibraries.CharLS, EntryPoint = "charls_jpegls_decoder_set_source_buffer")]
        public static extern int SetSourceBuffer(IntPtr decoder, IntPtr source, nuint size);

        [DllImport(NativeCodecLibraries.CharLS, EntryPoint = "charls_jpegls_decoder_read_header")]
        public static extern int ReadHeader(IntPtr decoder);

        [DllImport(NativeCodecLibraries.CharLS, EntryPoint = "charls_jpegls_decoder_get_frame_info")]
        public static extern int GetFrameInfo(IntPtr decoder, out FrameInfo frameInfo);

        [DllImport(NativeCodecLibraries.CharLS, EntryPoint = "charls_jpegls_decoder_get_interleave_mode")]
        public static extern int GetInterleaveMode(IntPtr decoder, out int interleaveMode);

        [DllImport(NativeCodecLibraries.CharLS, EntryPoint = "charls_jpegls_decoder_get_destination_size")]
        public static extern int GetDestinationSize(IntPtr decoder, uint stride, out nuint size);

        [DllImport(NativeCodecLibraries.CharLS, EntryPoint = "charls_jpegls_decoder_decode_to_buffer")]
        public static extern int DecodeToBuffer(IntPtr decoder, IntPtr destination, nuint size, uint stride);

        [DllImport(NativeCodecLibraries.CharLS, EntryPoint = "charls_get_error_message")]
        public static extern IntPtr GetErrorMessage(int error);
    }
}
