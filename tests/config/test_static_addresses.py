"""Production's static files storage (config/storage.py) gives each file's address from the
manifest collectstatic wrote, looking each up once per process, and afresh when the manifest is
read again."""

import json

from config.storage import StaticFilesStorage


def manifest(folder, hashed):
    (folder / "staticfiles.json").write_text(
        json.dumps({"paths": {"css/site.css": hashed}, "version": "1.1", "hash": hashed})
    )


def test_a_files_address_is_the_manifests_hashed_name(tmp_path, settings):
    settings.DEBUG = False
    manifest(tmp_path, "css/site.0123456789ab.css")
    storage = StaticFilesStorage(location=str(tmp_path), base_url="/static/")
    assert storage.url("css/site.css") == "/static/css/site.0123456789ab.css"
    assert storage.url("css/site.css") == "/static/css/site.0123456789ab.css"


def test_a_files_address_follows_the_manifest_read_again(tmp_path, settings):
    settings.DEBUG = False
    manifest(tmp_path, "css/site.0123456789ab.css")
    storage = StaticFilesStorage(location=str(tmp_path), base_url="/static/")
    assert storage.url("css/site.css") == "/static/css/site.0123456789ab.css"
    manifest(tmp_path, "css/site.ba9876543210.css")
    storage.hashed_files, storage.manifest_hash = storage.load_manifest()  # as at start-up
    assert storage.url("css/site.css") == "/static/css/site.ba9876543210.css"


def test_in_debug_a_files_address_is_its_own_name_as_django_gives_it(tmp_path, settings):
    manifest(tmp_path, "css/site.0123456789ab.css")
    storage = StaticFilesStorage(location=str(tmp_path), base_url="/static/")
    settings.DEBUG = False
    assert storage.url("css/site.css") == "/static/css/site.0123456789ab.css"
    settings.DEBUG = True
    assert storage.url("css/site.css") == "/static/css/site.css"
    assert storage.url("css/site.css", force=True) == "/static/css/site.0123456789ab.css"
