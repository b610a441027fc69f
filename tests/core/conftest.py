import pytest


@pytest.fixture
def file_roots(settings, tmp_path):
    """MEDIA_ROOT and PRIVATE_MEDIA_ROOT of this test's own: tmp_path/media, tmp_path/private."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path
