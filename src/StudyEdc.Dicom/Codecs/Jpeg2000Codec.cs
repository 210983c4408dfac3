using System.Globalization;
using System.Runtime.InteropServices;
using StudyEdc.Dicom.Pixels;

namespace StudyEdc.Dicom.Codecs;

/// <summary>
/// JPEG 2000 and High-Throughput JPEG 2000 through OpenJPEG 2.5 (Debian package libopenjp2-7), fed from memory by
/// stream callbacks. OpenJPEG applies the inverse multi-component transform (YBR_RCT, YBR_ICT) itself.
/// </summary>
internal static class Jpeg2000Codec
{
    private const int CodecJ2K = 0;
    private const int CodecJP2 = 2;

    // Byte offsets in opj_image_t and opj_image_comp_t of OpenJPEG 2.x on 64-bit platforms (openjpeg.h).
    private const int ImageComponentCountOffset = 16;
    private const int ImageComponentsOffset = 24;
    private const int ComponentDxOffset = 0;
    private const int ComponentDyOffset = 4;
    private const int ComponentWidthOffset = 8;
    private const int ComponentHeightOffset = 12;
    private const int ComponentDataOffset = 48;
    private const int ComponentSize = 64;

    // Large enough for opj_dparameters_t of OpenJPEG 2.x (about 8.2 KB).
    private const int DecoderParametersSize = 64 * 1024;

    private static readonly ReadCallback Read = ReadFromMemory;
    private static readonly SkipCallback Skip = SkipInMemory;
    private static readonly SeekCallback Seek = SeekInMemory;
    private static readonly MessageCallback OnError = RecordError;

    private delegate nuint ReadCallback(IntPtr buffer, nuint count, IntPtr userData);

    private delegate long SkipCallback(long count, IntPtr userData);

    private delegate int SeekCallback(long position, IntPtr userData);

    private delegate void MessageCallback(IntPtr message, IntPtr userData);

    public static void Decode(DicomTransferSyntax syntax, ReadOnlySpan<byte> data, FrameLayout layout, Span<int> output)
    {
        var source = new MemorySource(data.ToArray());
        var sourceHandle = GCHandle.Alloc(source);
        var parameters = Marshal.AllocHGlobal(DecoderParametersSize);
        IntPtr codec = IntPtr.Zero, stream = IntPtr.Zero, image = IntPtr.Zero;
        try
        {
            NativeCodecLibraries.Require(NativeCodecLibraries.OpenJpeg);
            var isCodestream = data.Length >= 2 && data[0] == 0xFF && data[1] == 0x4F;
            codec = OpenJpegNative.CreateDecompress(isCodestream ? CodecJ2K : CodecJP2);
            Require(OpenJpegNative.SetErrorHandler(codec, Marshal.GetFunctionPointerForDelegate(OnError), GCHandle.ToIntPtr(sourceHandle)), "installing the error handler", source);
            ZeroMemory(parameters, DecoderParametersSize);
            OpenJpegNative.SetDefaultDecoderParameters(parameters);
            Require(OpenJpegNative.SetupDecoder(codec, parameters), "setting up the decoder", source);

            stream = OpenJpegNative.StreamCreate(64 * 1024, 1);
            OpenJpegNative.StreamSetReadFunction(stream, Marshal.GetFunctionPointerForDelegate(Read));
            OpenJpegNative.StreamSetSkipFunction(stream, Marshal.GetFunctionPointerForDelegate(Skip));
            OpenJpegNative.StreamSetSeekFunction(stream, Marshal.GetFunctionPointerForDelegate(Seek));
            OpenJpegNative.StreamSetUserData(stream, GCHandle.ToIntPtr(sourceHandle), IntPtr.Zero);
            OpenJpegNative.StreamSetUserDataLength(stream, (ulong)source.Data.Length);

            Require(OpenJpegNative.ReadHeader(stream, codec, out image), "reading the header", source);
            Require(OpenJpegNative.Decode(codec, stream, image), "decoding", source);
            Require(OpenJpegNative.EndDecompress(codec, stream), "finishing", source);
            CopyComponents(image, layout, output);
        }
        catch (DllNotFoundException exception)
        {
            throw new DicomCodecException(
                $"{syntax.Name} ({syntax.Uid}) needs the OpenJPEG library {NativeCodecLibraries.OpenJpeg}, which is not installed; install the Debian package libopenjp2-7 (apt-get install libopenjp2-7)",
                exception);
        }
        finally
        {
            if (image != IntPtr.Zero)
            {
                OpenJpegNative.ImageDestroy(image);
            }

            if (stream != IntPtr.Zero)
            {
                OpenJpegNative.StreamDestroy(stream);
            }

            if (codec != IntPtr.Zero)
            {
                OpenJpegNative.DestroyCodec(codec);
            }

            Marshal.FreeHGlobal(parameters);
            sourceHandle.Free();
        }
    }

    private static void CopyComponents(IntPtr image, FrameLayout layout, Span<int> output)
    {
        var count = Marshal.ReadInt32(image, ImageComponentCountOffset);
        if (count != layout.SamplesPerPixel)
        {
            throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"the JPEG 2000 image has {count} components but the dataset says {layout.SamplesPerPixel}"));
        }

        var components = Marshal.ReadIntPtr(image, ImageComponentsOffset);
        var values = new int[layout.PixelCount];
        for (var c = 0; c < count; c++)
        {
            var component = components + (c * ComponentSize);
            var width = Marshal.ReadInt32(component, ComponentWidthOffset);
            var height = Marshal.ReadInt32(component, ComponentHeightOffset);
            var dx = Marshal.ReadInt32(component, ComponentDxOffset);
            var dy = Marshal.ReadInt32(component, ComponentDyOffset);
            if (width != layout.Columns || height != layout.Rows || dx != 1 || dy != 1)
            {
                throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture,
                    $"JPEG 2000 component {c} is {width} × {height} (subsampling {dx} × {dy}) but the dataset says {layout.Columns} × {layout.Rows}"));
            }

            var data = Marshal.ReadIntPtr(component, ComponentDataOffset);
            if (data == IntPtr.Zero)
            {
                throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"JPEG 2000 component {c} has no decoded data"));
            }

            Marshal.Copy(data, values, 0, values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                output[(i * count) + c] = values[i];
            }
        }
    }

    private static void ZeroMemory(IntPtr memory, int length)
    {
        var zeros = new byte[length];
        Marshal.Copy(zeros, 0, memory, length);
    }

    private static void Require(int result, string step, MemorySource source)
    {
        if (result == 0)
        {
            throw new DicomCodecException($"OpenJPEG failed while {step}: {source.LastError ?? "no detail"}");
        }
    }

    private static nuint ReadFromMemory(IntPtr buffer, nuint count, IntPtr userData)
    {
        var source = (MemorySource)GCHandle.FromIntPtr(userData).Target!;
        var left = source.Data.Length - source.Position;
        if (left <= 0)
        {
            return nuint.MaxValue;
        }

        var length = (int)Math.Min((ulong)left, count);
        Marshal.Copy(source.Data, source.Position, buffer, length);
        source.Position += length;
        return (nuint)length;
    }

    private static long SkipInMemory(long count, IntPtr userData)
    {
        var source = (MemorySource)GCHandle.FromIntPtr(userData).Target!;
        var target = Math.Clamp(source.Position + count, 0, source.Data.Length);
        var skipped = target - source.Position;
        source.Position = (int)target;
        return skipped;
    }

    private static int SeekInMemory(long position, IntPtr userData)
    {
        var source = (MemorySource)GCHandle.FromIntPtr(userData).Target!;
        if (position < 0 || position > source.Data.Length)
        {
            return 0;
        }

        source.Position = (int)position;
        return 1;
    }

    private static void RecordError(IntPtr message, IntPtr userData)
    {
        var source = (MemorySource)GCHandle.FromIntPtr(userData).Target!;
        source.LastError = Marshal.PtrToStringUTF8(message)?.Trim();
    }

    private sealed class MemorySource(byte[] data)
    {
        public byte[] Data { get; } = data;

        public int Position { get; set; }

        public string? LastError { get; set; }
    }

    private static class OpenJpegNative
    {
        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_create_decompress")]
        public static extern IntPtr CreateDecompress(int format);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_set_default_decoder_parameters")]
        public static extern void SetDefaultDecoderParameters(IntPtr parameters);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_setup_decoder")]
        public static extern int SetupDecoder(IntPtr codec, IntPtr parameters);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_set_error_handler")]
        public static extern int SetErrorHandler(IntPtr codec, IntPtr callback, IntPtr userData);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_stream_create")]
        public static extern IntPtr StreamCreate(nuint bufferSize, int isInput);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_stream_set_read_function")]
        public static extern void StreamSetReadFunction(IntPtr stream, IntPtr function);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_stream_set_skip_function")]
        public static extern void StreamSetSkipFunction(IntPtr stream, IntPtr function);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_stream_set_seek_function")]
        public static extern void StreamSetSeekFunction(IntPtr stream, IntPtr function);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_stream_set_user_data")]
        public static extern void StreamSetUserData(IntPtr stream, IntPtr userData, IntPtr freeFunction);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_stream_set_user_data_length")]
        public static extern void StreamSetUserDataLength(IntPtr stream, ulong length);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_read_header")]
        public static extern int ReadHeader(IntPtr stream, IntPtr codec, out IntPtr image);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_decode")]
        public static extern int Decode(IntPtr codec, IntPtr stream, IntPtr image);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_end_decompress")]
        public static extern int EndDecompress(IntPtr codec, IntPtr stream);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_image_destroy")]
        public static extern void ImageDestroy(IntPtr image);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_stream_destroy")]
        public static extern void StreamDestroy(IntPtr stream);

        [DllImport(NativeCodecLibraries.OpenJpeg, EntryPoint = "opj_destroy_codec")]
        public static extern void DestroyCodec(IntPtr codec);
    }
}
