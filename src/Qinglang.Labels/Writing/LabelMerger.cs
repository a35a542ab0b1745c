using Qinglang.Core;
using Qinglang.Labels.Model;
using Qinglang.Labels.Signing;

namespace Qinglang.Labels.Writing;

/// <summary>
/// Combines a file's existing label with a request: given elements replace, absent ones are kept, and a kept
/// signature is dropped when an element it covers changed (it could only fail verification afterwards).
/// </summary>
public static class LabelMerger
{
    public static AigcLabel Merge(AigcLabel? existing, LabelRequest request)
    {
        var before = existing ?? new AigcLabel();
        var label = before with
        {
            Label = request.Label ?? NullIfEmpty(before.Label) ?? LabelValue.Generated,
            ContentProducer = request.ContentProducer ?? before.ContentProducer,
            ProduceID = request.ProduceID ?? before.ProduceID,
            ContentPropagator = request.ContentPropagator ?? before.ContentPropagator,
            PropagateID = request.PropagateID ?? before.PropagateID,
        };

        if (Changed(before, label, SignerRole.Producer))
        {
            label = label with { ReservedCode1 = null };
        }

        if (Changed(before, label, SignerRole.Propagator))
        {
            label = label with { ReservedCode2 = null };
        }

        foreach (var (name, value) in label.Elements())
        {
            if (LabelRules.CheckWritable(name, value) is { } why)
            {
                throw new LabelingException(ProblemCodes.Charset, why);
            }
        }

        var errors = LabelRules.Validate(label).Where(f => f.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new LabelingException(errors[0].Code, string.Join("; ", errors.Select(e => e.Message)));
        }

        if (request.SigningKey is { } key)
        {
            var signed = false;
            if (request.ContentProducer is not null || request.ProduceID is not null)
            {
                label = LabelSigner.Sign(label, SignerRole.Producer, key);
                signed = true;
            }

            if (request.ContentPropagator is not null || request.PropagateID is not null)
            {
                label = LabelSigner.Sign(label, SignerRole.Propagator, key);
                signed = true;
            }

            if (!signed)
            {
                label = LabelSigner.Sign(label, string.IsNullOrEmpty(label.ContentPropagator) ? SignerRole.Producer : SignerRole.Propagator, key);
            }
        }

        return label;
    }

    private static bool Changed(AigcLabel before, AigcLabel after, SignerRole role) =>
        LabelSigner.BindingsOf(role).Any(name => (NullIfEmpty(before[name]) ?? "") != (NullIfEmpty(after[name]) ?? ""));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
