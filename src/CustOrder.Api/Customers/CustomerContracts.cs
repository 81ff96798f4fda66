using System.Linq.Expressions;
using CustOrder.Api.Http;

namespace CustOrder.Api.Customers;

public sealed record CustomerResponse(
    Guid Id,
    string FirstName,
    string LastName,
    string PhoneNumber,
    DateTimeOffset DateCreated,
    DateTimeOffset DateModified)
{
    public static readonly Expression<Func<Customer, CustomerResponse>> Projection = c =>
        new CustomerResponse(c.Id, c.FirstName, c.LastName, c.PhoneNumber, c.DateCreated, c.DateModified);

    private static readonly Func<Customer, CustomerResponse> FromEntity = Projection.Compile();

    public static CustomerResponse From(Customer customer) => FromEntity(customer);
}

/// <summary>The writable fields of a customer, read from a create (all required) or a PATCH (any subset).</summary>
public sealed record CustomerInput(string? FirstName, string? LastName, string? PhoneNumber)
{
    public static CustomerInput Read(JsonForm form, PhoneNumberNormalizer phones)
    {
        var firstName = form.Text("first_name");
        var lastName = form.Text("last_name");
        var phone = form.Text("phone_number", maxLength: 64);
        if (phone is not null)
        {
            phone = phones.ToE164(phone);
            if (phone is null)
            {
                form.Errors.Add("phone_number", "Enter a valid phone number, such as +254712345678 or 0712 345 678.");
            }
        }

        return new CustomerInput(firstName, lastName, phone);
    }

    public void ApplyTo(Customer customer)
    {
        customer.FirstName = FirstName ?? customer.FirstName;
        customer.LastName = LastName ?? customer.LastName;
        customer.PhoneNumber = PhoneNumber ?? customer.PhoneNumber;
    }
}
