# The fuzz tests read the world of tests/orgs/world.py, built once (tests/shared_world.py).
world_kind = "world"
