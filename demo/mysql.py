"""Let Django's MySQL backend run on PyMySQL (pure Python, nothing to compile).

Django 5.2 asks for mysqlclient 2.2.1 or newer and reads the version PyMySQL
reports when it stands in; PyMySQL implements the same DB-API.
"""
import pymysql

pymysql.version_info = (2, 2, 1, "final", 0)
pymysql.install_as_MySQLdb()
