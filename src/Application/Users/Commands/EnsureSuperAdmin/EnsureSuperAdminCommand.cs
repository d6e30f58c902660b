using Veza.Application.Common.Messaging;

namespace Veza.Application.Users.Commands.EnsureSuperAdmin;

/// <summary>Start-up bootstrap (never exposed over HTTP): creates the configured super admin, or promotes the existing account.</summary>
public sealed record EnsureSuperAdminCommand(string Username, string Email, string Password) : ICommand<Guid>;
