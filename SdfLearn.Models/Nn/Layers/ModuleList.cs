using System.Numerics;
using System.Collections;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// An indexed list of modules that the owner applies itself (e.g. with a skip connection), as <c>torch.nn.ModuleList</c>;
/// children are named by position, so parameter names read <c>layers.3.weight</c>.
/// </summary>
public sealed class ModuleList<TModule, T> : Module<T>, IReadOnlyList<TModule>
    where TModule : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<TModule> _modules = [];

    /// <summary>Creates the list from its modules, in order.</summary>
    public ModuleList(params IEnumerable<TModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules)
        {
            RegisterModule(_modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
            _modules.Add(module);
        }
    }

    /// <summary>The module at <paramref name="index"/>.</summary>
    public TModule this[int index] => _modules[index];

    /// <summary>Number of modules.</summary>
    public int Count => _modules.Count;

    /// <inheritdoc/>
    public IEnumerator<TModule> GetEnumerator() => _modules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
