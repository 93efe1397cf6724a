namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// What the simulator can filter and sort one kind of resource on, for the QuerySpec routes other than transfers
/// (contract agreements, EDR entries); the names are EDC's field names.
/// </summary>
/// <param name="Resource">The resource's name in error messages, e.g. ContractAgreement.</param>
/// <param name="Filters">Filterable fields and how to read each from a resource.</param>
/// <param name="Sorts">Sortable fields and how to order by each.</param>
internal sealed record ResourceFields<T>(
    string Resource,
    IReadOnlyDictionary<string, Func<T, string?>> Filters,
    IReadOnlyDictionary<string, Comparison<T>> Sorts);
