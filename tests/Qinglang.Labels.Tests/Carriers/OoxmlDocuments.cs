using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.CustomProperties;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.VariantTypes;
using D = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Qinglang.Labels.Tests.Carriers;

/// <summary>Makes real Office documents with DocumentFormat.OpenXml (the Open XML SDK), and reads them back with it.</summary>
internal static class OoxmlDocuments
{
    public const string UserDefinedFmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

    public static string Docx(string path, string text = "Hello from a generated document", params (string Name, OpenXmlElement Value)[] customProperties)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.Document = new W.Document(new W.Body(new W.Paragraph(new W.Run(new W.Text(text)))));
        if (customProperties.Length > 0)
        {
            var part = document.AddCustomFilePropertiesPart();
            part.Properties = new Properties();
            var pid = 2;
            foreach (var (name, value) in customProperties)
            {
                part.Properties.AppendChild(new CustomDocumentProperty(value) { FormatId = UserDefinedFmtid, PropertyId = pid++, Name = name });
            }
        }

        return path;
    }

    public static string Xlsx(string path, string cellText = "42 apples")
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new S.Workbook();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        var cell = new S.Cell { CellReference = "A1", DataType = S.CellValues.String, CellValue = new S.CellValue(cellText) };
        sheet.Worksheet = new S.Worksheet(new S.SheetData(new S.Row(cell) { RowIndex = 1 }));
        workbook.Workbook.AppendChild(new S.Sheets(new S.Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Sheet1" }));
        return path;
    }

    public static string Pptx(string path, string slideText = "Generated slide")
    {
        using var document = PresentationDocument.Create(path, PresentationDocumentType.Presentation);
        var presentation = document.AddPresentationPart();
        presentation.Presentation = new P.Presentation();

        var slide = presentation.AddNewPart<SlidePart>("rId2");
        var title = new P.Shape(
            new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = 2, Name = "Title" }, new P.NonVisualShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
            new P.ShapeProperties(),
            new P.TextBody(new D.BodyProperties(), new D.ListStyle(), new D.Paragraph(new D.Run(new D.Text(slideText)))));
        slide.Slide = new P.Slide(new P.CommonSlideData(ShapeTree(title)));

        var layout = slide.AddNewPart<SlideLayoutPart>("rId1");
        layout.SlideLayout = new P.SlideLayout(new P.CommonSlideData(ShapeTree()));
        var master = layout.AddNewPart<SlideMasterPart>("rId1");
        master.SlideMaster = new P.SlideMaster(
            new P.CommonSlideData(ShapeTree()),
            new P.SlideLayoutIdList(new P.SlideLayoutId { Id = 2147483649U, RelationshipId = "rId1" }));
        master.AddPart(layout, "rId1");
        presentation.AddPart(master, "rId1");
        presentation.Presentation.Append(
            new P.SlideMasterIdList(new P.SlideMasterId { Id = 2147483648U, RelationshipId = "rId1" }),
            new P.SlideIdList(new P.SlideId { Id = 256U, RelationshipId = "rId2" }),
            new P.SlideSize { Cx = 9144000, Cy = 6858000 },
            new P.NotesSize { Cx = 6858000, Cy = 9144000 });
        return path;
    }

    /// <summary>The custom properties the SDK sees: name → value text.</summary>
    public static Dictionary<string, string> CustomProperties(string path)
    {
        using var package = OpenXmlPackage(path);
        var part = package.GetPartsOfType<CustomFilePropertiesPart>().SingleOrDefault();
        Assert.NotNull(part);
        var properties = part!.Properties.Elements<CustomDocumentProperty>().ToList();
        Assert.Equal(properties.Count, properties.Select(p => p.PropertyId!.Value).Distinct().Count());
        Assert.All(properties, p => Assert.True(p.PropertyId!.Value >= 2));
        return properties.ToDictionary(p => p.Name!.Value!, p => p.InnerText);
    }

    /// <summary>The document's visible content as the SDK reads it: body text, cell values or slide text.</summary>
    public static string MainText(string path)
    {
        using var package = OpenXmlPackage(path);
        return package switch
        {
            WordprocessingDocument word => word.MainDocumentPart!.Document.Body!.InnerText,
            SpreadsheetDocument sheet => string.Join("|", sheet.WorkbookPart!.WorksheetParts.SelectMany(w => w.Worksheet.Descendants<S.Cell>()).Select(c => c.CellValue?.Text)),
            PresentationDocument slides => string.Join("|", slides.PresentationPart!.SlideParts.Select(s => s.Slide.InnerText)),
            _ => throw new InvalidOperationException("unknown package"),
        };
    }

    private static OpenXmlPackage OpenXmlPackage(string path) => Path.GetExtension(path) switch
    {
        ".docx" => WordprocessingDocument.Open(path, false),
        ".xlsx" => SpreadsheetDocument.Open(path, false),
        ".pptx" => PresentationDocument.Open(path, false),
        var other => throw new ArgumentException($"no SDK type for {other}"),
    };

    private static P.ShapeTree ShapeTree(params OpenXmlElement[] shapes) => new(
        [
            new P.NonVisualGroupShapeProperties(new P.NonVisualDrawingProperties { Id = 1, Name = "" }, new P.NonVisualGroupShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
            new P.GroupShapeProperties(new D.TransformGroup()),
            .. shapes,
        ]);

    public static OpenXmlElement Text(string value) => new VTLPWSTR(value);

    public static OpenXmlElement Int(int value) => new VTInt32(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
