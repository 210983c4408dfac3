using System.Text;
using StudyEdc.Dicom.Deidentification;
using StudyEdc.Dicom.IO.Writing;
using StudyEdc.Dicom.Series;
using StudyEdc.TestSupport;

namespace StudyEdc.Dicom.Tests;

public sealed class DeidentificationTests
{
    private static readonly byte[] SiteKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    // Attributes whose values identify the patient, the visit or the source.
    private static readonly string[] IdentifierKeywords =
    [
        "PatientName", "PatientID", "OtherPatientIDs", "PatientBirthDate", "AccessionNumber", "InstitutionName",
        "InstitutionAddress", "ReferringPhysicianName", "StudyDate", "SeriesDate", "AcquisitionDate", "ContentDate",
        "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID", "OperatorsName",
        "PerformingPhysicianName", "StationName", "DeviceSerialNumber",
    ];

    private static readonly DicomTag PatientNameTag = new(0x0010, 0x0010);
    private static readonly DicomTag PatientIdTag = new(0x0010, 0x0020);
    private static readonly DicomTag StudyDateTag = new(0x0008, 0x0020);
    private static readonly DicomTag AcquisitionTimeTag = new(0x0008, 0x0032);
    private static readonly DicomTag SopInstanceUidTag = new(0x0008, 0x0018);
    private static readonly DicomTag SeriesInstanceUidTag = new(0x0020, 0x000E);

    static DeidentificationTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("GB18030", "GB18030")]
    [InlineData("ISO_IR 192", "UTF-8")]
    public void No_identifier_survives_in_written_bytes(string characterSet, string encodingName)
    {
        var options = ChineseSeries(characterSet);
        var source = SyntheticCtSeries.CreateSlice(options, 0);
        var sourceBytes = DicomFileWriter.ToBytes(source, DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.True(Contains(sourceBytes, Encoding.GetEncoding(encodingName).GetBytes("张三丰")),
            "the test file must carry the name in its own character set");

        var result = Deidentifier().Deidentify(DicomFile.Parse(sourceBytes).Dataset);
        var output = DicomFileWriter.ToBytes(result.Dataset!, DicomTransferSyntax.ExplicitVRLittleEndian);

        foreach (var identifier in IdentifierStrings(source))
        {
            foreach (var encoded in EncodingsOf(identifier))
            {
                Assert.False(Contains(output, encoded), $"'{identifier}' survived de-identification");
            }
        }
    }

    [Fact]
    public void Chinese_name_round_trips_in_its_charset()
    {
        var source = SyntheticCtSeries.CreateSlice(ChineseSeries("GB18030"), 0);

        var file = DicomFile.Parse(DicomFileWriter.ToBytes(source, DicomTransferSyntax.ExplicitVRLittleEndian));

        Assert.Equal("张三丰^ZHANG SANFENG", file.Dataset.GetString(PatientNameTag));
    }

    [Fact]
    public void Pseudonym_is_stable_per_site_and_patient()
    {
        var site1 = Deidentifier();
        var site1Again = Deidentifier();
        var site2 = new DicomDeidentifier(new DeidentificationOptions { SiteCode = "SITE02", SiteSecretKey = SiteKey });

        var first = site1.PseudonymizePatientId("P123456");

        Assert.Equal(first, site1Again.PseudonymizePatientId("P123456"));
        Assert.NotEqual(first, site1.PseudonymizePatientId("P123457"));
        Assert.NotEqual(first, site2.PseudonymizePatientId("P123456"));
        Assert.StartsWith("SITE01-", first, StringComparison.Ordinal);
        Assert.Equal(27, first.Length);
    }

    [Fact]
    public void Patient_id_and_name_become_the_pseudonym()
    {
        var source = SyntheticCtSeries.CreateSlice(ChineseSeries("GB18030"), 0);
        var deidentifier = Deidentifier();

        var result = deidentifier.Deidentify(source).Dataset!;

        var pseudonym = deidentifier.PseudonymizePatientId("310101195801011234");
        Assert.Equal(pseudonym, result.GetString(PatientIdTag));
        Assert.Equal(pseudonym, result.GetString(PatientNameTag));
    }

    [Fact]
    public void Uids_are_replaced_consistently_across_a_series()
    {
        var options = new SyntheticSeriesOptions { Rows = 4, Columns = 4 };
        var first = SyntheticCtSeries.CreateSlice(options, 0);
        var second = SyntheticCtSeries.CreateSlice(options, 1);
        var deidentifier = Deidentifier();

        var a = deidentifier.Deidentify(first).Dataset!;
        var b = deidentifier.Deidentify(second).Dataset!;

        Assert.Equal(a.GetString(SeriesInstanceUidTag), b.GetString(SeriesInstanceUidTag));
        Assert.NotEqual(first.GetString(SeriesInstanceUidTag), a.GetString(SeriesInstanceUidTag));
        Assert.NotEqual(a.GetString(SopInstanceUidTag), b.GetString(SopInstanceUidTag));
        Assert.Equal(SyntheticCtSeries.CtImageStorage, a.GetString(new DicomTag(0x0008, 0x0016)));
    }

    [Fact]
    public void Replacement_uid_is_a_valid_uuid_derived_uid()
    {
        var uid = Deidentifier().ReplaceUid("1.2.826.0.1.3680043.2.1125.1.98816428833471");

        Assert.StartsWith("2.25.", uid, StringComparison.Ordinal);
        Assert.True(uid.Length <= 64, $"{uid} is longer than 64 characters");
        Assert.All(uid[5..], c => Assert.True(char.IsAsciiDigit(c)));
        Assert.NotEqual('0', uid[5]);
    }

    [Fact]
    public void Profile_attributes_are_set()
    {
        var source = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 4, Columns = 4 }, 0);

        var result = Deidentifier().Deidentify(source).Dataset!;

        Assert.Equal("YES", result.GetString(new DicomTag(0x0012, 0x0062)));
        Assert.StartsWith(DicomDeidentifier.BasicProfileMethod, result.GetString(new DicomTag(0x0012, 0x0063)), StringComparison.Ordinal);
        var code = Assert.Single(result.GetItems(new DicomTag(0x0012, 0x0064)));
        Assert.Equal("113100", code.GetString(new DicomTag(0x0008, 0x0100)));
        Assert.Equal("DCM", code.GetString(new DicomTag(0x0008, 0x0102)));
        Assert.Equal("REMOVED", result.GetString(new DicomTag(0x0028, 0x0303)));
    }

    [Fact]
    public void Basic_profile_removes_dates_and_times()
    {
        var source = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 4, Columns = 4 }, 0);

        var result = Deidentifier().Deidentify(source).Dataset!;

        Assert.Equal(0, result.Find(StudyDateTag)!.Value.Length);
        Assert.False(result.Contains(AcquisitionTimeTag));
        Assert.False(result.Contains(new DicomTag(0x0008, 0x0080)));
        Assert.Equal(0, result.Find(new DicomTag(0x0010, 0x0030))!.Value.Length);
    }

    [Fact]
    public void Modified_dates_shift_exams_alike()
    {
        var deidentifier = Deidentifier(TemporalInformation.ShiftDates);
        var baseline = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 4, Columns = 4 }, 0);
        var followUp = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 4, Columns = 4, Seed = 2 }, 0);
        followUp.SetString(StudyDateTag, DicomVR.DA, "20240915");

        var a = deidentifier.Deidentify(baseline).Dataset!;
        var b = deidentifier.Deidentify(followUp).Dataset!;

        var shift = deidentifier.DateShiftDays("PHANTOM0001");
        Assert.NotEqual(0, shift);
        Assert.Equal(new DateOnly(2024, 3, 15).AddDays(shift).ToString("yyyyMMdd", null), a.GetString(StudyDateTag));
        var interval = DateOnly.ParseExact(b.GetString(StudyDateTag)!, "yyyyMMdd").DayNumber
            - DateOnly.ParseExact(a.GetString(StudyDateTag)!, "yyyyMMdd").DayNumber;
        Assert.Equal(184, interval);
        Assert.Equal("093000", a.GetString(AcquisitionTimeTag));
        Assert.Equal("MODIFIED", a.GetString(new DicomTag(0x0028, 0x0303)));
        Assert.Contains(a.GetItems(new DicomTag(0x0012, 0x0064)), item => item.GetString(new DicomTag(0x0008, 0x0100)) == "113107");
    }

    [Theory]
    [InlineData("19991231", 1, "20000101")]
    [InlineData("20240229", -365, "20230301")]
    [InlineData("20240315-20240320", 10, "20240325-20240330")]
    public void Date_shift_moves_da_values(string value, int days, string expected)
    {
        var element = DicomElement.FromString(StudyDateTag, DicomVR.DA, value);

        var shifted = DicomDateShift.Shift(element, days)!;

        Assert.Equal(expected, Encoding.ASCII.GetString(shifted.Value.Span).TrimEnd());
    }

    [Fact]
    public void Date_shift_keeps_time_part_of_dt_values()
    {
        var element = DicomElement.FromString(new DicomTag(0x0008, 0x002A), DicomVR.DT, "20240315093000.5+0800");

        var shifted = DicomDateShift.Shift(element, 2)!;

        Assert.Equal("20240317093000.5+0800", Encoding.ASCII.GetString(shifted.Value.Span).TrimEnd());
    }

    [Fact]
    public void Invalid_date_is_removed_when_shifting()
    {
        var element = DicomElement.FromString(StudyDateTag, DicomVR.DA, "UNKNOWN");

        var shifted = DicomDateShift.Shift(element, 2);

        Assert.Null(shifted);
    }

    [Fact]
    public void Private_attributes_are_dropped_unless_allow_listed()
    {
        var source = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 4, Columns = 4 }, 0);
        source.SetString(new DicomTag(0x0009, 0x0010), DicomVR.LO, "GEMS_IDEN_01");
        source.SetString(new DicomTag(0x0009, 0x1001), DicomVR.LO, "ZHANG SANFENG");
        source.SetString(new DicomTag(0x0009, 0x1002), DicomVR.LO, "scanner mode 3");
        var allowing = new DicomDeidentifier(new DeidentificationOptions
        {
            SiteCode = "SITE01",
            SiteSecretKey = SiteKey,
            PrivateAllowList = [new PrivateAttributeAllowance("GEMS_IDEN_01", 0x0009, 0x02)],
        });

        var dropped = Deidentifier().Deidentify(source).Dataset!;
        var kept = allowing.Deidentify(source).Dataset!;

        Assert.DoesNotContain(dropped, e => e.Tag.IsPrivate);
        Assert.Equal([new DicomTag(0x0009, 0x0010), new DicomTag(0x0009, 0x1002)], kept.Where(e => e.Tag.IsPrivate).Select(e => e.Tag));
    }

    [Fact]
    public void Overlay_groups_are_removed()
    {
        var source = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 4, Columns = 4 }, 0);
        source.AddOrUpdate(new DicomElement(new DicomTag(0x6000, 0x3000), DicomVR.OW, new byte[8]));
        source.SetString(new DicomTag(0x6000, 0x0022), DicomVR.LO, "ZHANG SANFENG");

        var result = Deidentifier().Deidentify(source).Dataset!;

        Assert.DoesNotContain(result, e => e.Tag.Group == 0x6000);
    }

    [Fact]
    public void Burned_in_annotation_is_quarantined_unless_allowed()
    {
        var source = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 4, Columns = 4 }, 0);
        source.SetString(new DicomTag(0x0028, 0x0301), DicomVR.CS, "YES");
        var allowing = new DicomDeidentifier(new DeidentificationOptions
        {
            SiteCode = "SITE01",
            SiteSecretKey = SiteKey,
            AllowBurnedInAnnotation = true,
        });

        var refused = Deidentifier().Deidentify(source);
        var accepted = allowing.Deidentify(source);

        Assert.Equal(QuarantineReason.BurnedInAnnotation, refused.Quarantine);
        Assert.Null(refused.Dataset);
        Assert.Contains("AllowBurnedInAnnotation", refused.Detail, StringComparison.Ordinal);
        Assert.False(accepted.IsQuarantined);
    }

    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.1.7", "Screen shot", QuarantineReason.SecondaryCapture)]
    [InlineData("1.2.840.10008.5.1.4.1.1.7.2", "MPR", QuarantineReason.SecondaryCapture)]
    [InlineData("1.2.840.10008.5.1.4.1.1.88.67", "Radiation Dose", QuarantineReason.DoseReport)]
    [InlineData("1.2.840.10008.5.1.4.1.1.7", "Dose Report", QuarantineReason.DoseReport)]
    [InlineData(SyntheticCtSeries.CtImageStorage, "剂量报告", QuarantineReason.DoseReport)]
    public void Risky_objects_are_quarantined(string sopClassUid, string description, QuarantineReason expected)
    {
        var source = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 4, Columns = 4 }, 0);
        source.SetString(new DicomTag(0x0008, 0x0005), DicomVR.CS, "ISO_IR 192");
        source.SetString(new DicomTag(0x0008, 0x0016), DicomVR.UI, sopClassUid);
        source.SetString(new DicomTag(0x0008, 0x103E), DicomVR.LO, description);

        var result = Deidentifier().Deidentify(source);

        Assert.Equal(expected, result.Quarantine);
    }

    [Fact]
    public void Source_dataset_is_not_changed()
    {
        var source = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 4, Columns = 4 }, 0);
        var before = DicomFileWriter.ToBytes(source, DicomTransferSyntax.ExplicitVRLittleEndian);

        Deidentifier().Deidentify(source);

        Assert.Equal(before, DicomFileWriter.ToBytes(source, DicomTransferSyntax.ExplicitVRLittleEndian));
    }

    [Fact]
    public void Encapsulated_fragments_are_copied_unchanged()
    {
        var path = RepositoryPaths.TestData("dicom", "cornerstoneWADOImageLoader", "testImages",
            "CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm");
        var original = DicomFile.Open(path);

        var result = Deidentifier().Deidentify(original).Dataset!;
        var reread = DicomFile.Parse(DicomFileWriter.ToBytes(result, original.TransferSyntax));

        var before = Assert.IsType<DicomFragmentSequence>(original.Dataset.Find(new DicomTag(0x7FE0, 0x0010)));
        var after = Assert.IsType<DicomFragmentSequence>(reread.Dataset.Find(new DicomTag(0x7FE0, 0x0010)));
        Assert.Equal(DicomTransferSyntax.Jpeg2000Lossless, reread.TransferSyntax);
        Assert.Equal(before.Fragments.Select(f => f.ToArray()), after.Fragments.Select(f => f.ToArray()));
    }

    [Fact]
    public void Short_site_key_is_rejected()
    {
        var options = new DeidentificationOptions { SiteCode = "SITE01", SiteSecretKey = new byte[16] };

        Action create = () => _ = new DicomDeidentifier(options);

        Assert.Throws<ArgumentException>(create);
    }

    [Theory]
    [MemberData(nameof(WriterTests.RealFiles), MemberType = typeof(WriterTests))]
    public void Real_file_keeps_no_identifier_and_its_pixels(string path)
    {
        var original = DicomFile.Open(path);
        var identifiers = IdentifierStrings(original.Dataset).ToList();

        var result = Deidentifier(TemporalInformation.ShiftDates).Deidentify(original);
        if (result.IsQuarantined)
        {
            Assert.NotNull(result.Detail);
            return;
        }

        if (!WriterRoundTrip.HasSopUids(original))
        {
            // A bare dataset without SOP UIDs cannot get a file meta, so the writer raises DicomWriteException.
            Assert.Throws<DicomWriteException>(() => DicomFileWriter.ToBytes(result.Dataset!, original.TransferSyntax));
            return;
        }

        var syntax = original.TransferSyntax.IsBigEndian ? DicomTransferSyntax.ExplicitVRLittleEndian : original.TransferSyntax;
        var output = DicomFileWriter.ToBytes(result.Dataset!, syntax);

        // Pixel data are copied unchanged and may contain any byte string (CT0012's RLE data contains "00123456"), so
        // the search runs over the file written without them. The pixels are compared below.
        var withoutPixels = WithoutPixelData(result.Dataset!);
        var attributes = DicomFileWriter.ToBytes(withoutPixels, DicomTransferSyntax.ExplicitVRLittleEndian);
        var keptValues = KeptNonIdentifyingValues(result.Dataset!);
        foreach (var identifier in identifiers.Where(i => !keptValues.Any(kept => kept.Contains(i, StringComparison.Ordinal))))
        {
            foreach (var encoded in EncodingsOf(identifier))
            {
                Assert.False(Contains(attributes, encoded), $"'{identifier}' survived de-identification of {path}");
            }
        }

        var reread = DicomFile.Parse(output);
        Assert.Equal(WriterRoundTrip.PixelHash(original), WriterRoundTrip.PixelHash(reread));
    }

    private static DicomDeidentifier Deidentifier(TemporalInformation temporal = TemporalInformation.Remove) =>
        new(new DeidentificationOptions { SiteCode = "SITE01", SiteSecretKey = SiteKey, Temporal = temporal });

    private static SyntheticSeriesOptions ChineseSeries(string characterSet) => new()
    {
        Rows = 8,
        Columns = 8,
        SpecificCharacterSet = characterSet,
        PatientName = "张三丰^ZHANG SANFENG",
        PatientId = "310101195801011234",
        SeriesDescription = "动脉期 5mm",
    };

    /// <summary>
    /// Values that identify the patient, the visit or the source (names, IDs, dates, institution, instance UIDs),
    /// each as decoded text. Values shorter than 4 characters, and numbers shorter than 6 digits (test files use IDs
    /// such as "0010"), are left out, because such strings occur by chance in pixel data and in the digits of the
    /// replacement UIDs.
    /// </summary>
    private static IEnumerable<string> IdentifierStrings(DicomDataset dataset)
    {
        foreach (var keyword in IdentifierKeywords)
        {
            foreach (var value in dataset.GetStrings(DicomTag.FromKeyword(keyword)))
            {
                // The whole value, and each component of a person name on its own, such as the family name.
                var candidates = value.Split('^', '=').Select(p => p.Trim()).Prepend(value.Trim()).Distinct();
                foreach (var candidate in candidates.Where(IsDistinctive))
                {
                    yield return candidate;
                }
            }
        }
    }

    private static DicomDataset WithoutPixelData(DicomDataset dataset)
    {
        var copy = new DicomDataset();
        foreach (var element in dataset.Where(e => e.Tag != new DicomTag(0x7FE0, 0x0010)))
        {
            copy.AddOrUpdate(element);
        }

        return copy;
    }

    private static bool IsDistinctive(string value)
    {
        if (!value.Any(char.IsLetterOrDigit))
        {
            return false;
        }

        return value.All(char.IsAsciiDigit) ? value.Length >= 6 : value.Length >= 4 || (value.Length >= 2 && !value.All(char.IsAscii));
    }

    /// <summary>
    /// Text values of the attributes the profile keeps, such as SeriesNumber and Manufacturer. Test files sometimes
    /// use one string for an identifier and a kept attribute: PatientID and SeriesNumber are both "123456", and
    /// InstitutionName "TOSHIBA" is inside Manufacturer "TOSHIBA_MEC". Finding such a string in the output proves
    /// nothing, so the real-file test does not look for it.
    /// </summary>
    private static HashSet<string> KeptNonIdentifyingValues(DicomDataset output)
    {
        var identifierTags = IdentifierKeywords.Select(DicomTag.FromKeyword).ToHashSet();
        var values = new HashSet<string>(StringComparer.Ordinal);
        AddKeptValues(output, identifierTags, values);
        return values;
    }

    private static void AddKeptValues(DicomDataset dataset, HashSet<DicomTag> identifierTags, HashSet<string> values)
    {
        foreach (var element in dataset)
        {
            if (element is DicomSequence sequence)
            {
                foreach (var item in sequence.Items)
                {
                    AddKeptValues(item, identifierTags, values);
                }
            }
            else if (element.VR.IsText() && !identifierTags.Contains(element.Tag))
            {
                values.UnionWith(dataset.GetStrings(element.Tag).Select(v => v.Trim()));
            }
        }
    }

    private static IEnumerable<byte[]> EncodingsOf(string text)
    {
        yield return Encoding.UTF8.GetBytes(text);
        yield return Encoding.Unicode.GetBytes(text);
        yield return Encoding.BigEndianUnicode.GetBytes(text);
        yield return Encoding.GetEncoding("GB18030").GetBytes(text);
        yield return Encoding.GetEncoding("GBK").GetBytes(text);
        yield return Encoding.Latin1.GetBytes(text);
    }

    private static bool Contains(byte[] haystack, byte[] needle) =>
        needle.Length > 0 && haystack.AsSpan().IndexOf(needle) >= 0;
}
