// Every test gets a fresh fixture instance, so mocks and builders kept in fields never leak between tests.
[assembly: FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
