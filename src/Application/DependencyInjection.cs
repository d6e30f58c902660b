using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Veza.Application.Admin;
using Veza.Application.Auth;
using Veza.Application.Auth.AccountTokens;
using Veza.Application.Auth.SignIn;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Jobs;
using Veza.Application.Common.Models;
using Veza.Application.Reports;
using Veza.Application.Tracks.Artwork;
using Veza.Domain.Reports;

namespace Veza.Application;

public static class DependencyInjection
{
    /// <summary>
    /// MediatR 5 has no DI package here, so handlers, notification handlers and validators are
    /// registered by scanning this assembly. Behaviours run in registration order (first = outermost).
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // One message per field: the first rule that fails says what to fix.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;

        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TracingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(VerifiedEmailBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PerformanceBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehaviour<,>));

        var openInterfaces = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>) };
        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && openInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                services.AddScoped(contract, type);
            }

            // The one registration point of report target types: every implementation here (and any a
            // later module registers) is a valid target_type.
            if (typeof(IReportTargetType).IsAssignableFrom(type))
            {
                services.AddScoped(typeof(IReportTargetType), type);
            }

            // Every paged query gets the shared page/limit rule beside its own validator.
            if (typeof(IPagedQuery).IsAssignableFrom(type))
            {
                services.AddScoped(typeof(IValidator<>).MakeGenericType(type), typeof(PageRequestRules<>).MakeGenericType(type));
            }
        }

        services.AddBackgroundHandlersFrom(typeof(DependencyInjection).Assembly);

        services.AddScoped<RollbackActions>();
        services.AddScoped<Common.Caching.CacheInvalidation>();
        services.AddScoped<CommandTransaction>();
        services.AddScoped<Tracks.Upload.UploadQuota>();
        services.AddScoped<SessionIssuer>();
        services.AddScoped<TrackArtworkWriter>();
        services.AddScoped<SessionTerminator>();
        services.AddScoped<AddressOwnerClaim>();
        services.AddScoped<AddressMailRequest>();
        services.AddScoped<SignInCompleter>();
        services.AddScoped<AccountTokenService>();
        services.AddScoped<LoginGuard>();
        services.AddScoped<Auth.TwoFactor.SecondFactorCheck>();
        services.AddScoped<Common.Security.PrivilegedSecondFactorRule>();
        services.AddScoped<Common.Email.AccountMailer>();
        services.AddScoped<AccountEmailThrottle>();
        services.AddScoped<Users.Avatars.AvatarRemoval>();
        services.AddScoped<Common.Storage.OrphanedFileSweep>();
        services.AddScoped<ReportTargets>();
        services.AddScoped<Radio.StationView>();
        services.AddScoped<AccountModeration>();
        services.AddSingleton(Domain.Sessions.SessionLifetime.Default);
        services.AddScoped<Notifications.IUserNotifier, Notifications.StoredUserNotifier>();
        services.AddScoped<Tracks.Plays.PlayAccounting>();
        services.TryAddSingleton(Chat.ChatSettings.Default);
        services.TryAddSingleton(Radio.RadioSettings.Default);
        services.TryAddSingleton(Marketplace.MarketSettings.Default);
        services.TryAddSingleton(Gear.GearSettings.Default);
        services.AddScoped<Gear.GearFileUpload>();
        services.TryAddSingleton(Resources.ResourceSettings.Default);
        services.AddScoped<Resources.ResourceFileUpload>();
        services.AddSingleton<Chat.ProfanityMask>();
        services.AddScoped<Chat.ChatSendingLimiter>();
        services.AddSingleton<Chat.Commands.SendChatMessage.RoomPostQueues>();
        services.AddScoped<Chat.Presence.PresenceAnnouncer>();
        services.AddScoped<Chat.Queries.RoomOnlineCounts>();
        services.AddScoped<Chat.ChatMentions>();
        services.TryAddSingleton<Tracks.Plays.ServedAudioMeter>();
        services.AddSingleton<Tracks.Plays.IServedAudioMeter>(sp => sp.GetRequiredService<Tracks.Plays.ServedAudioMeter>());
        return services;
    }
}
