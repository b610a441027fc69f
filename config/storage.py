from django.conf import settings

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed static files, tolerant of source maps nobody shipped.

    Django's manifest storage rewrites each `sourceMappingURL` comment to the map's hashed name
    and fails when the map is missing. wagtail-nhsuk-frontend's minified CSS and JS name maps its
    wheel leaves out, so those comments stay as they are: only browser developer tools read
    them. Every other missing file (a `url()` in CSS, a JS import) still fails collectstatic.

    JavaScript modules' imports are rewritten to the hashed names too (site.js imports NHS.UK
    frontend by its path), so no inline import map is needed.
    """

    support_js_module_import_aggregation = True

    def url(self, name, force=False):
        # Each file's address, looked up in the manifest once per process (every page asks for
        # the same few: base.html's stylesheets, script and icon); afresh whenever the manifest
        # is read again, as collectstatic does.
        urls = self.__dict__.get("_urls")
        if urls is None or urls[0] is not self.hashed_files:
            urls = self._urls = (self.hashed_files, {})
        key = (name, force, settings.DEBUG)  # in DEBUG, Django gives the unhashed address
        if key not in urls[1]:
            urls[1][key] = super().url(name, force)
        return urls[1][key]

    def url_converter(self, name, hashed_files, template=None, ignored_blocks=None):
        convert = super().url_converter(name, hashed_files, template, ignored_blocks)
        if template is None or "sourceMappingURL" not in template:
            return convert

        def convert_source_map(match):
            try:
                return convert(match)
            except ValueError:  # the map file does not exist
                return match["matched"]

        return convert_source_map
