namespace StudyEdc.Reports.Odm;

/// <summary>Attributes of the ODM root element that identify one export file.</summary>
/// <param name="FileOid">Unique identifier of this file, for example the export's audit id.</param>
/// <param name="CreationDateTime">When the snapshot was taken; written in UTC.</param>
/// <param name="SourceSystemVersion">StudyEdc version that wrote the file.</param>
public sealed record OdmFileInfo(string FileOid, DateTimeOffset CreationDateTime, string SourceSystemVersion);
