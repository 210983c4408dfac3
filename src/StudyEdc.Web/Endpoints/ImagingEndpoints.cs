using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.Participants;
using StudyEdc.Dicom;
using StudyEdc.Dicom.Rendering;

namespace StudyEdc.Web.Endpoints;

/// <summary>
/// HTTP endpoints of the imaging workflow: the streamed upload of DICOM files or zips for one participant, and the
/// server-side rendering of slices as PNG for the viewer. Both are scoped by Core: another site's participant or
/// series is not found.
/// </summary>
internal static partial class ImagingEndpoints
{
    private const string GroupPrefix = "/api/imaging";

    /// <summary>Age after which a staging folder counts as left behind: far longer than any upload takes.</summary>
    internal static readonly TimeSpan StaleStagingAge = TimeSpan.FromDays(1);

    /// <summary>Display windows offered by the viewer, by name.</summary>
    public static IReadOnlyDictionary<string, WindowLevel> WindowPresets { get; } = new Dictionary<string, WindowLevel>(StringComparer.OrdinalIgnoreCase)
    {
        ["abdomen"] = WindowLevel.Abdomen,
        ["liver"] = WindowLevel.Liver,
        ["bone"] = new WindowLevel(1800, 400),
    };

    public static string UploadUrl(int participantId) => string.Create(CultureInfo.InvariantCulture, $"{GroupPrefix}/participants/{participantId}/uploads");

    public static string SliceUrl(int seriesId, int sliceIndex, string window) =>
        string.Create(CultureInfo.InvariantCulture, $"{GroupPrefix}/series/{seriesId}/slices/{sliceIndex}?window={Uri.EscapeDataString(window)}");

    public static IEndpointRouteBuilder MapImagingEndpoints(this IEndpointRouteBuilder app)
    {
        // The auth cookie is SameSite=Strict, so a cross-site page cannot send these requests with it.
        var api = app.MapGroup(GroupPrefix).RequireAuthorization().AddEndpointFilter(WithoutStatusCodePages);
        api.MapPost("/participants/{participantId:int}/uploads", UploadAsync).DisableAntiforgery();
        api.MapGet("/series/{seriesId:int}/slices/{sliceIndex:int}", RenderSliceAsync);
        return app;
    }

    /// <summary>
    /// Turns off the re-execution of empty error responses as the HTML "not found" page: API callers get the bare
    /// status, and a re-executed POST would fail the page's antiforgery check and turn a 404 into a 400.
    /// </summary>
    private static ValueTask<object?> WithoutStatusCodePages(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        return next(context);
    }

    private static async Task<IResult> UploadAsync(int participantId, HttpContext http, StudyCallerFactory callers, IImagingService imaging,
        IParticipantService participants, IConfiguration configuration, IOptions<ImagingUploadOptions> options, ILogger<ImagingUploadOptions> logger, CancellationToken cancellationToken)
    {
        var caller = await callers.FromPrincipalAsync(http.User, cancellationToken);
        if (caller is null)
        {
            return Results.Unauthorized();
        }

        var limits = options.Value;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limits.MaxRequestBytes;
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Problem(StatusCodes.Status400BadRequest, "MultipartRequired", "Send the files as multipart/form-data.");
        }

        // Reject before reading the body when the participant is out of the caller's scope.
        if (await participants.GetAsync(caller, participantId, cancellationToken) is null)
        {
            return Results.NotFound();
        }

        var stagingRoot = Path.Combine(StudyDatabase.ResolveDataDirectory(configuration), "staging");
        DeleteStaleStaging(stagingRoot, logger);
        var staging = Path.Combine(stagingRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            var received = await ReceiveAsync(http.Request.Body, boundary, staging, limits, cancellationToken);
            if (received.Error is { } error)
            {
                return error;
            }

            var result = await imaging.IngestAsync(caller, participantId, staging, cancellationToken);
            return result.Failure switch
            {
                ServiceFailure.None => Results.Ok(received.WithOriginalNames(result.Value!)),
                ServiceFailure.NotFound => Results.NotFound(),
                ServiceFailure.Forbidden => Results.Json(new { errors = result.Errors }, statusCode: StatusCodes.Status403Forbidden),
                ServiceFailure.Locked or ServiceFailure.Conflict => Results.Json(new { errors = result.Errors }, statusCode: StatusCodes.Status409Conflict),
                _ => Results.BadRequest(new { errors = result.Errors }),
            };
        }
        finally
        {
            try
            {
                Directory.Delete(staging, recursive: true);
            }
            catch (IOException exception)
            {
                LogStagingNotDeleted(logger, exception, staging);
            }
        }
    }

    /// <summary>
    /// Streams each multipart file section to its own folder under <paramref name="staging"/> and extracts zips
    /// there, enforcing the limits; nothing is held in memory beyond the copy buffer.
    /// </summary>
    private static async Task<ReceivedUpload> ReceiveAsync(Stream body, string boundary, string staging, ImagingUploadOptions limits, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = limits.MaxFileBytes };
        var upload = new ReceivedUpload(staging);
        long extracted = 0;
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
            {
                continue;
            }

            var originalName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "file";
            var folder = upload.AddFolder(originalName);
            if (upload.FileCount > limits.MaxFiles)
            {
                return upload.Fail(Problem(StatusCodes.Status413PayloadTooLarge, "TooManyFiles",
                    string.Create(CultureInfo.InvariantCulture, $"The upload has more than {limits.MaxFiles} files. Upload the exam in parts.")));
            }

            var target = Path.Combine(folder, SafeFileName(originalName));
            try
            {
                var file = File.Create(target);
                await using (file.ConfigureAwait(false))
                {
                    await section.Body.CopyToAsync(file, cancellationToken);
                }
            }
            catch (InvalidDataException)
            {
                return upload.Fail(Problem(StatusCodes.Status413PayloadTooLarge, "FileTooLarge",
                    string.Create(CultureInfo.InvariantCulture, $"{originalName} is larger than {limits.MaxFileBytes} bytes. Upload fewer slices per file or raise Imaging:Upload:MaxFileBytes.")));
            }

            if (originalName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                var problem = ExtractZip(target, folder, limits, upload, ref extracted);
                File.Delete(target);
                if (problem is not null)
                {
                    return upload.Fail(problem);
                }
            }
        }

        return upload;
    }

    private static IResult? ExtractZip(string zipPath, string folder, ImagingUploadOptions limits, ReceivedUpload upload, ref long extracted)
    {
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        try
        {
            using var archive = ZipFile.OpenRead(zipPath);
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                var destination = Path.GetFullPath(Path.Combine(folder, entry.FullName));
                if (!destination.StartsWith(root, StringComparison.Ordinal))
                {
                    return Problem(StatusCodes.Status400BadRequest, "ZipPathInvalid", $"Zip entry {entry.FullName} points outside the archive. Create the zip again from the exam folder.");
                }

                extracted += entry.Length;
                upload.CountExtractedFile();
                if (upload.FileCount > limits.MaxFiles || extracted > limits.MaxExtractedBytes)
                {
                    return Problem(StatusCodes.Status413PayloadTooLarge, "ZipTooLarge",
                        string.Create(CultureInfo.InvariantCulture, $"The zips hold more than {limits.MaxFiles} files or {limits.MaxExtractedBytes} bytes. Upload the exam in parts."));
                }

                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                entry.ExtractToFile(destination);
            }
        }
        catch (InvalidDataException exception)
        {
            return Problem(StatusCodes.Status400BadRequest, "ZipInvalid", $"The zip cannot be read ({exception.Message}). Create it again from the exam folder.");
        }

        return null;
    }

    private static async Task<IResult> RenderSliceAsync(int seriesId, int sliceIndex, string? window, HttpContext http, StudyCallerFactory callers,
        IImagingService imaging, CancellationToken cancellationToken)
    {
        var caller = await callers.FromPrincipalAsync(http.User, cancellationToken);
        if (caller is null)
        {
            return Results.Unauthorized();
        }

        var preset = WindowLevel.Abdomen;
        if (window is not null && !WindowPresets.TryGetValue(window, out preset))
        {
            return Problem(StatusCodes.Status400BadRequest, "WindowUnknown", $"Window '{window}' is unknown. Use one of: {string.Join(", ", WindowPresets.Keys)}.");
        }

        var slice = await imaging.FindSliceAsync(caller, seriesId, sliceIndex, cancellationToken);
        if (slice is null)
        {
            return Results.NotFound();
        }

        var file = await DicomFile.OpenAsync(slice.FilePath, cancellationToken: cancellationToken);
        var hu = file.GetPixelData().DecodeFrameRescaled(slice.Frame);
        using var png = new MemoryStream();
        CtSliceRenderer.WritePng(hu, slice.Columns, slice.Rows, preset, png);
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return Results.File(png.ToArray(), "image/png");
    }

    private static string SafeFileName(string name)
    {
        var fileName = Path.GetFileName(name.Replace('\\', '/'));
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(fileName.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
        return string.IsNullOrWhiteSpace(safe) || safe is "." or ".." ? "file" : safe;
    }

    private static IResult Problem(int status, string code, string detail) =>
        Results.Json(new { errors = new[] { new ValidationError("", code, detail) } }, statusCode: status);

    /// <summary>
    /// Deletes staging folders untouched for longer than <see cref="StaleStagingAge"/>. Each upload deletes its own
    /// folder when it ends, so these are left by a process that stopped during an upload.
    /// </summary>
    internal static void DeleteStaleStaging(string stagingRoot, ILogger logger)
    {
        if (!Directory.Exists(stagingRoot))
        {
            return;
        }

        var cutoff = DateTime.UtcNow - StaleStagingAge;
        foreach (var folder in new DirectoryInfo(stagingRoot).EnumerateDirectories().Where(d => d.LastWriteTimeUtc < cutoff))
        {
            try
            {
                folder.Delete(recursive: true);
                LogStaleStagingDeleted(logger, folder.FullName);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogStagingNotDeleted(logger, exception, folder.FullName);
            }
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Stale staging folder {Folder} of an interrupted upload was deleted")]
    private static partial void LogStaleStagingDeleted(ILogger logger, string folder);

    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "Staging folder {Folder} could not be deleted")]
    private static partial void LogStagingNotDeleted(ILogger logger, Exception exception, string folder);

    /// <summary>The folders of one upload, one per uploaded file, and the names the user gave them.</summary>
    private sealed class ReceivedUpload(string staging)
    {
        private readonly Dictionary<string, string> _originalNames = new(StringComparer.Ordinal);

        public int FileCount { get; private set; }

        public IResult? Error { get; private set; }

        public string AddFolder(string originalName)
        {
            var folder = "u" + FileCount.ToString("D5", CultureInfo.InvariantCulture);
            FileCount++;
            _originalNames[folder] = originalName;
            var path = Path.Combine(staging, folder);
            Directory.CreateDirectory(path);
            return path;
        }

        public void CountExtractedFile() => FileCount++;

        public ReceivedUpload Fail(IResult error)
        {
            Error = error;
            return this;
        }

        /// <summary>Replaces staging folder names by the uploaded file's name (for a zip, "archive.zip/entry").</summary>
        public ImagingUploadReport WithOriginalNames(ImagingUploadReport report) => report with
        {
            Files = report.Files.Select(f => f with { FileName = OriginalName(f.FileName), Message = f.Message?.Replace(f.FileName, OriginalName(f.FileName), StringComparison.Ordinal) }).ToList(),
        };

        private string OriginalName(string stagedName)
        {
            var slash = stagedName.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !_originalNames.TryGetValue(stagedName[..slash], out var original))
            {
                return stagedName;
            }

            var rest = stagedName[(slash + 1)..];
            return original.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? original + "/" + rest : original;
        }
    }
}
