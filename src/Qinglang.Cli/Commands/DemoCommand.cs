using System.CommandLine;
using Qinglang.Cli.Demo;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Inspection;
using Qinglang.Labels.Signing;
using Qinglang.Labels.Writing;

namespace Qinglang.Cli.Commands;

/// <summary>
/// <c>qinglang demo</c>: the main job on an embedded default. An AIGC service labels and signs a generated image,
/// a platform adds its propagation fields and signs them, and an auditor inspects the result with trusted keys.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var keep = new Option<string?>("--keep") { Description = "Folder to leave the demo files in (default: a temporary folder, removed afterwards)" };
        var command = new Command("demo", "Label, sign, relabel and inspect an embedded sample image, step by step.") { keep };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(keep) ?? Path.Combine(Path.GetTempPath(), $"qinglang-demo-{Environment.ProcessId}");
            Directory.CreateDirectory(folder);
            try
            {
                return Run(folder);
            }
            finally
            {
                if (parse.GetValue(keep) is null)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });
        return command;
    }

    private static int Run(string folder)
    {
        var image = Path.Combine(folder, "generated.png");
        File.WriteAllBytes(image, SamplePng.Create());
        var producerKey = Sm2KeyPair.Generate();
        var platformKey = Sm2KeyPair.Generate();
        var writer = new LabelWriter(CarrierRegistry.Default);

        System.Console.WriteLine($"1. An AIGC service generated {image} and labels it (生成合成服务添加隐式标识), signing with SM2:");
        writer.Write(image, null, new LabelRequest
        {
            Label = "1",
            ContentProducer = "001191440300708461136T1XGW3",
            ProduceID = "demo-0001",
            SigningKey = producerKey,
        });

        System.Console.WriteLine("2. A platform receives it and adds its propagation fields (传播平台添加传播要素), signing them:");
        writer.Write(image, null, new LabelRequest { ContentPropagator = "001191110108MA01KP2T4Q20001", PropagateID = "post-42", SigningKey = platformKey });

        System.Console.WriteLine("3. An auditor inspects it, trusting both keys (核验标识与签名):");
        System.Console.WriteLine();
        var report = new LabelInspector(CarrierRegistry.Default, [producerKey, platformKey]).Inspect(image);
        using (var stdout = System.Console.OpenStandardOutput())
        {
            InspectionJson.WriteArray(stdout, [report]);
        }

        System.Console.WriteLine();
        System.Console.WriteLine(report.IsValid ? "The label is valid and both signatures verify. 标识有效，签名验证通过。" : "The label is NOT valid. 标识无效。");
        return report.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
