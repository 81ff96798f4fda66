using System.Linq.Expressions;
using CustOrder.Api.Data;
using CustOrder.Api.Http;
using CustOrder.Api.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Admin.Common;

/// <summary>
/// The create / edit / delete page of one kind of entity, at <c>/admin/{things}/new</c> and
/// <c>/admin/{things}/{id}</c>. The form's fields are read by the API's own input readers
/// (<see cref="HtmlForms"/>), so both apply the same rules. The entity's version travels in a hidden
/// field: a form opened before someone else's save is refused with a message (the API's If-Match),
/// never saved over the other change.
/// </summary>
public abstract class EntityEditPage<TEntity>(AppDbContext db) : AdminPage, IEditPage
    where TEntity : Entity, new()
{
    public const string NewId = "new";

    protected AppDbContext Db => db;

    /// <summary>The form's fields, by their API (wire) names.</summary>
    protected abstract IReadOnlyList<string> Fields { get; }

    protected virtual string[] IntegerFields => [];

    /// <summary>"customer", "item", "order".</summary>
    public abstract string Noun { get; }

    /// <summary>The list this page belongs to, such as /admin/customers/.</summary>
    public abstract string ListPath { get; }

    protected abstract Dictionary<string, string> ValuesOf(TEntity entity);

    /// <summary>Reads the form with the API's reader and applies it to a new or the existing entity; null when the form has errors.</summary>
    protected abstract Task<TEntity?> ApplyAsync(JsonForm form, TEntity? existing, CancellationToken cancellationToken);

    /// <summary>For an entity without references: the input the API's reader made, applied to the existing entity or a new one; null when the form has errors.</summary>
    protected TEntity? Apply<TInput>(JsonForm form, TInput input, TEntity? existing, Action<TInput, TEntity> apply)
    {
        if (!form.IsValid)
        {
            return null;
        }

        var entity = existing ?? db.Set<TEntity>().Add(new TEntity()).Entity;
        apply(input, entity);
        return entity;
    }

    /// <summary>Orders that refer to the entity, which block its deletion; null when nothing refers to it.</summary>
    protected virtual Expression<Func<Order, bool>>? ReferencedBy(Guid id) => null;

    protected virtual IQueryable<TEntity> Query => db.Set<TEntity>();

    /// <summary>Where to go after a save.</summary>
    protected virtual string SavedPath(TEntity entity) => ListPath;

    /// <summary>After a save, before the redirect; <paramref name="created"/> for a new entity.</summary>
    protected virtual void Saved(TEntity entity, bool created)
    {
    }

    /// <summary>Loads what the page shows besides the entity (choices for selects, related rows).</summary>
    protected virtual Task LoadExtrasAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        await LoadExtrasAsync(cancellationToken);
        return Page();
    }

    public TEntity? Existing { get; private set; }

    public bool IsNew => Existing is null;

    public bool ConfirmingDelete { get; private set; }

    public Dictionary<string, string> Values { get; private set; } = [];

    public FieldErrorsView Errors { get; private set; } = new();

    /// <summary>The version the form was opened at (the hidden field).</summary>
    public int Version { get; private set; }

    /// <summary>Set when the form was stale: someone saved the entity after the form was opened.</summary>
    public Dictionary<string, string>? CurrentValues { get; private set; }

    /// <summary>Why a delete was refused (the entity has orders).</summary>
    public string? Refusal { get; private set; }

    public string Value(string field) => Values.GetValueOrDefault(field, "");

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (id == NewId)
        {
            // A blank form is of no use to someone who may not save it.
            return CanWrite ? await ShowAsync(cancellationToken) : StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ConfirmingDelete = Request.Query["handler"] == "delete";
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (id != NewId && !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Values = Fields.ToDictionary(f => f, f => Request.Form[f].ToString());
        if (Existing is not null && IsStale())
        {
            return await StaleFormAsync(cancellationToken);
        }

        var form = HtmlForms.ToJsonForm(Request.Form, Fields, IntegerFields);
        var entity = await ApplyAsync(form, Existing, cancellationToken);
        if (entity is null || !form.IsValid)
        {
            Errors = new FieldErrorsView(form.Errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between our read and our write.
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            return await StaleFormAsync(cancellationToken);
        }

        Saved(entity, created: Existing is null);
        Flash = $"The {Noun} was saved.";
        return Redirect(SavedPath(entity));
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ConfirmingDelete = true;
        if (IsStale())
        {
            Refusal = $"The {Noun} was changed since this page was opened; nothing was deleted. Check it and delete again.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(cancellationToken);
        }

        if (ReferencedBy(Existing!.Id) is { } orders && await ReferencedDeletes.RefusalAsync(db, orders, Noun, cancellationToken) is { } refusal)
        {
            Refusal = refusal;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(cancellationToken);
        }

        db.Remove(Existing);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // An order placed meanwhile (the foreign key refuses), or a concurrent change.
            Refusal = $"The {Noun} changed or got an order meanwhile; nothing was deleted.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(cancellationToken);
        }

        Flash = $"The {Noun} was deleted.";
        return Redirect(ListPath);
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return false;
        }

        Existing = await Query.FirstOrDefaultAsync(e => e.Id == guid, cancellationToken);
        if (Existing is null)
        {
            return false;
        }

        Values = ValuesOf(Existing);
        Version = Existing.Version;
        return true;
    }

    private bool IsStale() => Request.Form["version"].ToString() != Existing!.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keeps what the person typed, shows what is saved now, and takes the current version: saving again is a deliberate choice.</summary>
    private async Task<IActionResult> StaleFormAsync(CancellationToken cancellationToken)
    {
        CurrentValues = ValuesOf(Existing!);
        Version = Existing!.Version;
        Values = Fields.ToDictionary(f => f, f => Request.Form[f].ToString());
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(cancellationToken);
    }
}
