namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>Record signatures and fixed sizes of the zip format (PKWARE APPNOTE 6.3.x, sections 4.3 and 4.5).</summary>
internal static class ZipSignatures
{
    public const uint LocalHeader = 0x04034B50;
    public const uint CentralHeader = 0x02014B50;
    public const uint DataDescriptor = 0x08074B50;
    public const uint EndOfCentralDirectory = 0x06054B50;
    public const uint Zip64EndOfCentralDirectory = 0x06064B50;
    public const uint Zip64Locator = 0x07064B50;

    public const int LocalHeaderSize = 30;
    public const int CentralHeaderSize = 46;
    public const int EndRecordSize = 22;
    public const int Zip64EndRecordSize = 56;
    public const int Zip64LocatorSize = 20;

    /// <summary>Extra field id of the ZIP64 extended information.</summary>
    public const ushort Zip64ExtraId = 0x0001;

    /// <summary>A 32-bit field holding this value defers to the ZIP64 extra field (16-bit: 0xFFFF).</summary>
    public const uint Saturated32 = 0xFFFFFFFF;
    public const ushort Saturated16 = 0xFFFF;
}
