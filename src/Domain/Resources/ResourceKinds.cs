namespace Veza.Domain.Resources;

/// <summary>What a shared file is for.</summary>
public enum ResourceKind
{
    Sample,
    Preset,
    Stem,
    Project,
    Document,
    Other,
}

/// <summary>public: every signed-in user may view and download it; private: its owner only; shared: its owner and those it is shared with.</summary>
public enum ResourceVisibility
{
    Public,
    Private,
    Shared,
}

/// <summary>What a grant lets someone do; each level includes the ones before it.</summary>
public enum ResourcePermissionLevel
{
    View,
    Download,
    Edit,
}

/// <summary>What a caller may do with a resource, from nothing to owning it; each includes the ones before it.</summary>
public enum ResourceAccess
{
    None,
    View,
    Download,
    Edit,
    Own,
}
