// each test runs a whole system over several brokers or hosts on a 2-core machine: one at a time, or both starve
[assembly: CollectionBehavior(DisableTestParallelization = true)]
