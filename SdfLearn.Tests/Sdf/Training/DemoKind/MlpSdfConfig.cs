namespace SdfLearn.Tests.Sdf.Training.DemoKind;

/// <summary>The demo kind's hyper-parameters: a plain MLP from d coordinates to a signed distance.</summary>
public sealed record MlpSdfConfig(int Dimensions = 3, int HiddenWidth = 16, int HiddenLayers = 3);
