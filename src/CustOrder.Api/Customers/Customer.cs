using CustOrder.Api.Data;

namespace CustOrder.Api.Customers;

public sealed class Customer : Entity
{
    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    /// <summary>E.164, such as +254712345678.</summary>
    public string PhoneNumber { get; set; } = "";
}
