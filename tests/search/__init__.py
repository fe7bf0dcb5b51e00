# Every test here reads the demo site with the decoys of conftest.py, built once for the test
# run (tests/shared_world.py); test_elasticsearch_documents.py names its own world.
world_kind = "decoys"
