using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Training;

/// <summary>
/// A training objective (PyTorch Lightning's <c>training_step</c>): records the loss of <paramref name="batch"/> on
/// <paramref name="tape"/> and returns the variable to backpropagate with its value and named parts. It must not change
/// the model: anything that varies over training comes from <paramref name="context"/>. The trainer also calls it
/// without recording (validation), where a loss may skip work only gradients need.
/// </summary>
/// <typeparam name="TBatch">The batch type of the data source.</typeparam>
public delegate (Variable<float> Loss, LossTerms Terms) LossFunction<in TBatch>(TBatch batch, Tape<float> tape, LossContext context);
