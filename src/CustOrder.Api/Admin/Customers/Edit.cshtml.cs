using System.Linq.Expressions;
using CustOrder.Api.Admin.Common;
using CustOrder.Api.Customers;
using CustOrder.Api.Data;
using CustOrder.Api.Http;
using CustOrder.Api.Orders;

namespace CustOrder.Api.Admin.Customers;

public sealed class EditModel(AppDbContext db, PhoneNumberNormalizer phones) : EntityEditPage<Customer>(db)
{
    private static readonly string[] FieldNames = ["first_name", "last_name", "phone_number"];

    protected override IReadOnlyList<string> Fields => FieldNames;

    public override string Noun => "customer";

    public override string ListPath => "/admin/customers/";

    protected override Dictionary<string, string> ValuesOf(Customer customer) => new()
    {
        ["first_name"] = customer.FirstName, ["last_name"] = customer.LastName, ["phone_number"] = customer.PhoneNumber,
    };

    protected override Task<Customer?> ApplyAsync(JsonForm form, Customer? existing, CancellationToken cancellationToken) =>
        Task.FromResult(Apply(form, CustomerInput.Read(form, phones), existing, (input, customer) => input.ApplyTo(customer)));

    protected override Expression<Func<Order, bool>> ReferencedBy(Guid id) => o => o.CustomerId == id;
}
