namespace Qinglang.Labels.Model;

/// <summary>How the seven elements are laid out in a site's JSON value.</summary>
public enum LabelJsonForm
{
    /// <summary>The seven-key object itself, under a key already named AIGC (XMP, MP4, OOXML, … per the TC260 guides).</summary>
    Bare,

    /// <summary>The object wrapped as <c>{"AIGC":{…}}</c>, as GB 45438 Annex E prints it (EXIF UserComment).</summary>
    Wrapped,
}
