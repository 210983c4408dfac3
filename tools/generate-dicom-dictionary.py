#!/usr/bin/python3
"""Generate src/StudyEdc.Dicom/Dictionary/DicomDictionary.Generated.cs from DCMTK's dicom.dic.

DCMTK 3.6.7 (Debian package libdcmtk17) ships dicom.dic, its transcription of the registry of data elements
of DICOM PS3.6 (2022b edition). This script turns that file into a C# table with one row per data element:

    gggg,eeee VR[/VR...] Keyword VM R|C

Usage (from the repository root):

    /usr/bin/python3 tools/generate-dicom-dictionary.py \
        [--source /usr/share/libdcmtk17/dicom.dic] \
        [--output src/StudyEdc.Dicom/Dictionary/DicomDictionary.Generated.cs]

The script uses only the Python standard library and fails on any line it cannot translate, so a new DCMTK
release with a changed format is noticed instead of silently dropped.
"""

import argparse
import re
import sys

DEFAULT_SOURCE = "/usr/share/libdcmtk17/dicom.dic"
DEFAULT_OUTPUT = "src/StudyEdc.Dicom/Dictionary/DicomDictionary.Generated.cs"
DCMTK_VERSION = "3.6.7"

# The standard's own VRs pass through unchanged.
STANDARD_VRS = {
    "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW",
    "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV",
}

# DCMTK's pseudo VRs for elements where PS3.6 allows several VRs or none. The first VR listed is the one a
# reader uses for Implicit VR data when nothing else in the dataset decides it. For "OB or OW" that is OW, as
# pydicom 2.3 also writes Implicit VR pixel, overlay and waveform data (citing PS3.5 Annex A.1 and section 8.1.2).
PSEUDO_VRS = {
    "xs": "US/SS",      # US or SS, chosen by Pixel Representation (0028,0103).
    "ox": "OW/OB",      # OB or OW.
    "px": "OW/OB",      # Pixel Data: OB or OW, chosen by Bits Allocated (0028,0100).
    "lt": "US/SS/OW",   # LUT data: US, SS or OW.
    "up": "UL",         # DICOMDIR offsets, UL in PS3.6 ("unsigned pointer" in DCMTK).
    "na": "UN",         # Item and delimitation tags, which have no VR in PS3.6.
}

# Versions (fifth column) that belong to PS3.6. DICONDE and DICOS entries come from other standards and are
# left out; PRIVATE, ILLEGAL and GENERIC rows describe group lengths and private creators, which the C#
# lookup derives from the tag itself.
KEPT_VERSIONS = {"DICOM": False, "DICOM/retired": True}
SKIPPED_VERSIONS = {"DICOM/DICONDE", "DICOM/DICOS", "PRIVATE", "ILLEGAL", "GENERIC"}

RETIRED_PREFIX = "RETIRED_"
TAG_PATTERN = re.compile(r"^\(([0-9A-Fa-f-ou]+),([0-9A-Fa-f-ou]+)\)$")


def tag_part(text, line_number):
    """Convert one half of a DCMTK tag ("6000", "6000-60FF") to four characters with "xx" masks."""
    if re.fullmatch(r"[0-9A-Fa-f]{4}", text):
        return text.upper()

    # Only the plain "low-high" range (even values only) occurs in the kept rows. It must span exactly the
    # low byte, so that it is the PS3.6 "xx" notation, such as 60xx.
    match = re.fullmatch(r"([0-9A-Fa-f]{4})-([0-9A-Fa-f]{4})", text)
    if match is None:
        raise ValueError(f"line {line_number}: tag part '{text}' is not gggg or a gggg-gggg range")
    low, high = (int(value, 16) for value in match.groups())
    if low & 0xFF != 0 or high != low | 0xFF:
        raise ValueError(f"line {line_number}: range '{text}' does not span one low byte (such as 6000-60FF)")
    return f"{low >> 8:02X}xx"


def translate(line, line_number):
    """Return the C# table row for one dicom.dic line, or None when the line is skipped on purpose."""
    fields = line.split("\t")
    fields = [field for field in fields if field != ""]
    if len(fields) != 5:
        raise ValueError(f"line {line_number}: expected 5 tab-separated fields, found {len(fields)}: {line!r}")
    tag, vr, name, vm, version = fields

    if version in SKIPPED_VERSIONS:
        return None
    if version not in KEPT_VERSIONS:
        raise ValueError(f"line {line_number}: unknown version '{version}'; add it to KEPT_VERSIONS or SKIPPED_VERSIONS")

    match = TAG_PATTERN.match(tag)
    if match is None:
        raise ValueError(f"line {line_number}: '{tag}' is not a (gggg,eeee) tag")
    group = tag_part(match.group(1), line_number)
    element = tag_part(match.group(2), line_number)

    if vr in PSEUDO_VRS:
        vrs = PSEUDO_VRS[vr]
    elif vr in STANDARD_VRS:
        vrs = vr
    else:
        raise ValueError(f"line {line_number}: unknown VR '{vr}'")

    retired = KEPT_VERSIONS[version]
    keyword = name[len(RETIRED_PREFIX):] if name.startswith(RETIRED_PREFIX) else name
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", keyword):
        raise ValueError(f"line {line_number}: '{name}' is not a keyword")
    if not re.fullmatch(r"[0-9n-]+", vm):
        raise ValueError(f"line {line_number}: '{vm}' is not a value multiplicity")

    return f"{group},{element} {vrs} {keyword} {vm} {'R' if retired else 'C'}"


def read_rows(source):
    rows = {}
    keywords = {}
    with open(source, encoding="utf-8") as file:
        for line_number, line in enumerate(file, start=1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            row = translate(line, line_number)
            if row is None:
                continue

            # dicom.dic lets later lines override earlier ones, so the last row of a tag wins.
            tag, keyword = row.split(" ")[0], row.split(" ")[2]
            rows[tag] = row
            if keywords.get(keyword, tag) != tag:
                raise ValueError(f"line {line_number}: keyword '{keyword}' names both {keywords[keyword]} and {tag}")
            keywords[keyword] = tag
    return [rows[tag] for tag in sorted(rows)]


def render(rows, source):
    header = f"""// <auto-generated>
// Generated by tools/generate-dicom-dictionary.py from {source}, the data dictionary of
// DCMTK {DCMTK_VERSION} (OFFIS e.V., BSD-style licence, see DICTIONARY-SOURCE.md beside this file). DCMTK transcribes
// the registry of data elements of DICOM PS3.6 (2022b edition). Do not edit by hand; regenerate with:
//     /usr/bin/python3 tools/generate-dicom-dictionary.py
// </auto-generated>

namespace StudyEdc.Dicom.Dictionary;

/// <summary>
/// The PS3.6 registry of data elements, {len(rows)} rows of "gggg,eeee VR[/VR...] Keyword VM R|C". "xx" in a
/// group or element stands for any even value of that byte (repeating groups such as 60xx). The first VR is the
/// one used for Implicit VR data; R marks a retired element, C a current one.
/// </summary>
internal static class DicomDictionaryGenerated
{{
    public const string Rows = \"\"\"
"""
    body = "".join(f"        {row}\n" for row in rows)
    footer = '        """;\n}\n'
    return header + body + footer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE, help=f"DCMTK dicom.dic to read (default {DEFAULT_SOURCE})")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help=f"C# file to write (default {DEFAULT_OUTPUT})")
    arguments = parser.parse_args()

    try:
        rows = read_rows(arguments.source)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    with open(arguments.output, "w", encoding="utf-8", newline="\n") as file:
        file.write(render(rows, arguments.source))
    print(f"wrote {len(rows)} entries to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
