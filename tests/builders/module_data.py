"""For data a test module builds once (a module-scoped fixture over `module_db`)."""


def afresh(objects):
    """Each saved object of `objects` (a dict) read again by its primary key, so nothing one
    test's checks kept on the module's objects (a permission cache) reaches the next; an
    unsaved one is handed on as it is."""
    return {
        key: type(obj)._default_manager.get(pk=obj.pk) if obj.pk else obj
        for key, obj in objects.items()
    }
