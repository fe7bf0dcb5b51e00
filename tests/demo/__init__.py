# Every test here reads the demo site, loaded once for the test run (tests/shared_world.py).
world_kind = "demo"
