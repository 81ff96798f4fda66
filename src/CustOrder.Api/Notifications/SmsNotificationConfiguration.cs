using CustOrder.Api.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustOrder.Api.Notifications;

internal sealed class SmsNotificationConfiguration : IEntityTypeConfiguration<SmsNotification>
{
    public void Configure(EntityTypeBuilder<SmsNotification> builder)
    {
        builder.ToTable("sms_notifications", table =>
            table.HasCheckConstraint("ck_sms_notifications_status", "status IN ('pending', 'sending', 'sent', 'delivered', 'failed')"));
        builder.Property(n => n.Recipient).HasMaxLength(16);
        builder.Property(n => n.Message).HasMaxLength(1600);
        builder.Property(n => n.Status).HasConversion(status => status.ToString().ToLowerInvariant(), text => Enum.Parse<SmsStatus>(text, true)).HasMaxLength(10);
        builder.Property(n => n.LastError).HasMaxLength(500);
        builder.Property(n => n.Provider).HasMaxLength(20);
        builder.Property(n => n.ProviderMessageId).HasMaxLength(100);
        builder.Property(n => n.Cost).HasMaxLength(30);
        builder.Property(n => n.TraceParent).HasMaxLength(AppTracing.TraceParentLength);
        // An order's notifications go with it; an order is never deleted because of them.
        builder.HasOne(n => n.Order).WithMany(o => o.Notifications).HasForeignKey(n => n.OrderId).OnDelete(DeleteBehavior.Cascade);
        // The dispatcher's claim query: rows still to send, in due order. Partial, so it holds only
        // those rows and is read in order: one on (status, next_attempt_at) had to gather and sort
        // every pending row for each claim, 11 ms apiece with a backlog (bench/README.md).
        builder.HasIndex(n => n.NextAttemptAt).HasDatabaseName("ix_sms_notifications_due")
            .HasFilter("status IN ('pending', 'sending')");
        builder.HasIndex(n => n.OrderId);
        builder.HasIndex(n => n.ProviderMessageId);
    }
}
