namespace CustOrder.Api.Customers;

public static class CustomerSearch
{
    /// <summary>Customers whose first or last name (case-insensitive) or phone number contains the text; a phone number may be written as the customer would.</summary>
    public static IQueryable<Customer> Matching(this IQueryable<Customer> customers, string search, PhoneNumberNormalizer phones)
    {
        var lowered = search.ToLowerInvariant();
        var phone = phones.ToE164(search) ?? search;
        // ToLower() becomes SQL lower(); the culture-aware overloads the analyzers prefer do not translate.
#pragma warning disable CA1304, CA1311, CA1862
        return customers.Where(c => c.FirstName.ToLower().Contains(lowered)
            || c.LastName.ToLower().Contains(lowered)
            || c.PhoneNumber.Contains(phone));
#pragma warning restore CA1304, CA1311, CA1862
    }
}
