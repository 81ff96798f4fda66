using CustOrder.Tests.Infrastructure;

// Says in the output which database this assembly's tests ran on, as the integration tests do
// (xunit.runner.json, with diagnostic messages on, comes with the CustOrder.Tests reference).
[assembly: AssemblyFixture(typeof(DatabaseReport))]
