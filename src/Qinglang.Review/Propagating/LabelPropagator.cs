using Qinglang.Labels;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Writing;
using Qinglang.Review.Identifying;

namespace Qinglang.Review.Propagating;

/// <summary>
/// Writes a platform's decision into the file (Measures Art. 6, cases 1–3): Label becomes the decision, the
/// platform adds ContentPropagator and PropagateID (and a ReservedCode2 signature), and the producer's elements stay
/// as they were. A file with no decision is left alone: nothing says it is AI-generated.
/// </summary>
public sealed class LabelPropagator(LabelWriter writer)
{
    public LabelPropagator()
        : this(new LabelWriter(CarrierRegistry.Default))
    {
    }

    /// <param name="output">Where to write; null changes the file in place (atomically).</param>
    public PropagationResult Apply(Identification identification, PropagationRequest request, string? output)
    {
        if (identification.Unreadable)
        {
            return new PropagationResult(null, null, null, identification.Error);
        }

        if (identification.Decision is not { } decision)
        {
            return new PropagationResult(null, null, "no decision: nothing indicates AI generation, so no label is written", null);
        }

        try
        {
            var result = writer.Write(identification.Path, output, new LabelRequest
            {
                Label = decision,
                ContentPropagator = request.Platform,
                PropagateID = request.PropagateId,
                SigningKey = request.SigningKey,
            });
            return new PropagationResult(result.Path, request.PropagateId, null, null);
        }
        catch (LabelingException ex)
        {
            return new PropagationResult(null, null, null, $"{ex.Message} [{ex.Code}]");
        }
        catch (ContainerFormatException ex)
        {
            return new PropagationResult(null, null, null, $"corrupt file, left untouched: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PropagationResult(null, null, null, ex.Message);
        }
    }
}
