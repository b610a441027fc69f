from django.core.exceptions import ValidationError

from wagtail import blocks

LINK_SCHEMES = ["http", "https"]


class LinkBlock(blocks.StructBlock):
    """A titled link to something elsewhere: evidence, a useful link, background reading.

    Only http and https addresses, as lessons/v1 allows, so anything written here exports.
    """

    title = blocks.CharBlock(max_length=255)
    url = blocks.URLBlock(label="Address (http or https)")

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if url := value.get("url"):
            scheme, colon, rest = url.partition(":")
            if scheme.lower() not in LINK_SCHEMES:
                raise blocks.StructBlockValidationError(
                    block_errors={
                        "url": ValidationError(
                            "Enter an address that starts with http:// or https://"
                        )
                    }
                )
            # Written in lower case (HTTPS://… works too), as lessons/v1 requires.
            value["url"] = scheme.lower() + colon + rest
        return value
