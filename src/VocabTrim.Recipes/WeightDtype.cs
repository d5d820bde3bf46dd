namespace VocabTrim.Recipes;

/// <summary>The dtype the slim model's weights are written in (recipe field <c>dtype</c>).</summary>
public enum WeightDtype
{
    /// <summary>As the original checkpoint stores each tensor.</summary>
    Keep,
    Float32,
    Float16,
    BFloat16,
}
