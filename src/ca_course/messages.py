"""Hold every Kazakh string that a student or an instructor sees.

Python formats these with :func:`msg`; the quiz JavaScript receives the subset it
needs as JSON (:func:`subset`). Keys are dotted English ids.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["MESSAGES", "msg", "subset"]

MESSAGES: dict[str, str] = {
    "course.title": "Орталық Азия: қауіпсіздік және интеграция",
    # a downloaded notebook's setup cell, inlined by tools/setup_cell.py (no import possible)
    "setup.install": "Бұл дәптерге курстың ca_course пакеті керек, ол осы ортада орнатылмаған.\n"
                     "1. Курс сайтындағы «Студентке арналған нұсқаулық» бетінен {wheel} "
                     "файлын жүктеп алыңыз.\n"
                     "2. Сол файл тұрған бумада терминалда мына команданы орындаңыз:\n"
                     "   {command}\n"
                     "   (немесе файлды осы дәптердің бумасына салып, жаңа ұяшықта: "
                     "%pip install {wheel})\n"
                     "3. Ядроны қайта іске қосып, дәптерді басынан бастап орындаңыз.",
    # quizzes
    "quiz.check": "Тексеру",
    "quiz.correct": "Дұрыс!",
    "quiz.incorrect": "Қате. Қайталап көріңіз.",
    "quiz.score": "Ұпай: {score} / {total}",
    "quiz.choose_one": "Бір жауапты таңдаңыз.",
    "quiz.choose_some": "Бір немесе бірнеше жауапты таңдаңыз.",
    "quiz.true": "Ақиқат",
    "quiz.false": "Жалған",
    "quiz.type_number": "Сан енгізіңіз (мысалы, 12 немесе 0,5).",
    "quiz.type_text": "Жауапты жазыңыз.",
    "quiz.match_all": "Әр жолға сәйкесін таңдаңыз.",
    "quiz.order_all": "Әр оқиғаға бөлек орын нөмірін таңдаңыз.",
    "quiz.placeholder": "— таңдаңыз —",
    "quiz.choices": "Нұсқалар",
    "quiz.explanation": "Түсіндірме",
    "quiz.source": "Дереккөз",
    "quiz.unit": "Өлшем бірлігі: {unit}",
    "quiz.position": "{n}-орын",
    "quiz.answer_label": "Жауап",
    "quiz.title": "Өзін-өзі тексеру: {n} сұрақ",
    "quiz.type.single": "Бір жауап",
    "quiz.type.multiple": "Бірнеше жауап",
    "quiz.type.truefalse": "Ақиқат па, жалған ба",
    "quiz.type.numeric": "Сандық жауап",
    "quiz.type.text": "Қысқа жауап",
    "quiz.type.matching": "Сәйкестендіру",
    "quiz.type.ordering": "Ретімен орналастыру",
    # exercises: in-notebook checks
    "check.unknown_exercise": "«{exercise_id}» деген жаттығу жоқ. Идентификаторды тексеріңіз "
                              "(мысалы, {example}).",
    "check.no_answer": "{exercise_id}: жауап әлі берілмеген. «{variable} = ...» жолын "
                       "толтырып, ұяшықты қайта орындаңыз.",
    "check.passed": "{exercise_id}: ашық тексерулердің бәрі өтті ({n}/{n}).",
    "check.failed": "{exercise_id}: ашық тексерулердің {passed}/{n} өтті.",
    "check.hidden_note": "Қорытынды баға оқытушының жасырын тексерулерімен де есептеледі.",
    "check.wrong_type": "Күтілгені: {expected}; берілгені: {given}.",
    "check.columns_missing": "Бағандар жетіспейді: {missing}.",
    "check.columns_extra": "Артық бағандар: {extra}.",
    "check.length": "Жолдар (элементтер) саны {expected} болуы керек, сізде {given}.",
    "check.range_low": "Мән тым кіші: рұқсат етілген аралықтан {diff} кем.",
    "check.range_high": "Мән тым үлкен: рұқсат етілген аралықтан {diff} артық.",
    "check.contains": "Жауапта мына мәндер болуы керек: {missing}.",
    "check.sorted": "Кесте «{column}» бағаны бойынша {order} сұрыпталмаған.",
    "check.ascending": "өсу ретімен",
    "check.descending": "кему ретімен",
    "check.column_missing": "«{column}» деген баған жоқ.",
    "check.solution": "Жауап дұрыс жауаппен сәйкес келмейді.",
    "check.solution_ok": "Жауап дұрыс.",
    "check.ok": "Өтті",
    "check.fail": "Өтпеді",
    "check.kind.dataframe": "pandas DataFrame кестесі",
    "check.kind.series": "pandas Series",
    "check.kind.number": "сан",
    "check.kind.integer": "бүтін сан",
    "check.kind.text": "мәтін (str)",
    "check.kind.list": "тізім (list)",
    "check.kind.bool": "логикалық мән (True/False)",
    "check.points": "{points} ұпай",
    # grading
    "grade.status.ok": "тексерілді",
    "grade.status.timeout": "уақыт шегінен асты",
    "grade.status.crashed": "ядро құлады",
    "grade.status.memory": "жад шегінен асты",
    "grade.status.invalid": "жарамсыз notebook файлы",
    "grade.status.missing": "жауап жоқ",
    "grade.status.error": "ұяшықта қате",
    "grade.missing_answer": "{exercise_id}: «{variable}» айнымалысы анықталмаған.",
    "grade.not_json": "Файл JSON емес ({error}). Студенттен .ipynb файлын қайта жіберуді "
                      "сұраңыз.",
    "grade.not_utf8": "Файл UTF-8 кодтауында емес. Студенттен файлды қайта сақтауды сұраңыз.",
    "grade.bad_notebook": "Notebook құрылымы жарамсыз: {error}.",
    "grade.timeout": "Орындау {seconds} секундтан асты.",
    "grade.crashed": "Ядро тоқтап қалды: {error}.",
    "grade.memory": "Жад шегі ({megabytes} МБ) асып кетті.",
    "grade.cell_error": "Ұяшықта қате: {error}.",
    "grade.progress": "Тексеру",
    "grade.summary": "{n} жұмыс тексерілді: {ok} сәтті, {failed} мәселемен. Есеп: {path}",
    "grade.status.output": "шығыс шегінен асты",
    "grade.ok": "Барлық ұяшықтар қатесіз орындалды.",
    "grade.passed": "{exercise_id}: дұрыс, {points} ұпай.",
    "grade.failed": "{exercise_id}: дұрыс емес, 0 ұпай.",
    "grade.none_answer": "{exercise_id}: «{variable}» айнымалысына жауап берілмеген (мәні None).",
    "grade.answer_too_large": "{exercise_id}: «{variable}» жауабы тым үлкен ({kilobytes} КБ).",
    "grade.answer_unreadable": "{exercise_id}: «{variable}» жауабын оқу мүмкін болмады "
                               "({error}).",
    "grade.check_failed": "{exercise_id}: жауапты тексеру кезінде қате шықты ({error}).",
    "grade.cell_error_at": "{cell}-ұяшықта қате: {error}.",
    "grade.more_errors": "Тағы {n} ұяшықта қате бар.",
    "grade.cell_timeout": "{cell}-ұяшық {seconds} секундта аяқталмады, ол үзілді.",
    "grade.output": "Шығыс көлемі {kilobytes} КБ шегінен асты, орындау тоқтатылды.",
    "grade.exit_code": "шығу коды {code}",
    "grade.signal": "{name} сигналы",
    "grade.not_graded": "Орындау тоқтатылғандықтан жауаптар бағаланбады.",
    "grade.no_answers": "Жауаптарды ядродан алу мүмкін болмады: {error}.",
    "grade.too_large": "Файл тым үлкен ({megabytes} МБ, шегі {limit} МБ).",
    "grade.unreadable_file": "Файлды оқу мүмкін болмады: {error}.",
    "grade.grader_error": "Тексеру жүйесінің ішкі қатесі: {error}. Жұмысты қайта тексеріңіз.",
    "grade.histogram.title": "Қорытынды нәтижелердің таралуы ({n} студент)",
    "grade.histogram.x": "Жалпы нәтиже, %",
    "grade.histogram.y": "Студенттер саны",
    "grade.histogram.mean": "Орташа мәні: {value}%",
    # gradebook into an LMS (ca_course.grading.gradebook.write_lms_grades)
    "gradebook.lms.no_roster_row": "Тізімде (roster) жоқ жұмыс файлы",
    "gradebook.lms.no_submission": "Жұмыс тапсырмаған студент",
    "gradebook.lms.no_identity.moodle": "Moodle файлына енбеді: email, idnumber немесе "
                                        "username бос",
    "gradebook.lms.no_identity.canvas": "Canvas файлына енбеді: аты, ID, SIS User ID және "
                                        "SIS Login ID бос",
    "gradebook.lms.col_problem": "Мәселе",
    "gradebook.lms.col_who": "Жұмыс немесе студент",
    # maps
    "map.no_iframe": "Карта жүктелмеді: браузерде JavaScript қосылғанын тексеріңіз.",
    "map.countries": "Мемлекеттер",
    "map.source": "Дереккөз",
    "map.note": "Редакциялық ескертпе",
    "map.year": "Жыл",
    "map.members_until": "{org}: {year} жылға дейін",
    "map.members_since": "{org}: {year} жылдан бастап",
    "map.members_now": "{org}: мүшелері",
    "map.member": "мүше",
    "map.observer": "бақылаушы",
    "map.partner": "серіктес",
    "map.legend": "Шартты белгілер",
    "map.capital": "Астанасы",
    "map.theme.ecology": "Экология және техногендік қатерлер",
    "map.theme.conflict": "Шекаралар, анклавтар және қақтығыстар",
    "map.theme.military": "Әскери нысандар",
    "map.theme.economy": "Экономика және көлік",
    "map.theme.diplomacy": "Саммиттер мен келісімдер",
    "map.theme.silk-road": "Ұлы Жібек жолының қалалары",
    "map.corridors": "Көлік дәліздері",
    "map.tiles": "Жер бедері (OpenStreetMap)",
    # tables and timeline
    "table.term": "Термин",
    "table.ru": "Орысша",
    "table.en": "Ағылшынша",
    "table.ru_en": "Орысша / ағылшынша",
    "table.definition": "Анықтамасы",
    "table.source": "Дереккөз",
    "table.lectures": "Дәрістер",
    "table.date": "Күні",
    "table.event": "Оқиға",
    "table.note": "Ескертпе",
    "table.org": "Ұйым",
    "table.members": "Мүшелері",
    "table.founded": "Құрылған жылы",
    "table.document": "Құжат",
    "table.title": "Атауы",
    "table.lines": "Жолдар",
    "table.kind": "Түрі",
    "table.written": "Жазылған кезі",
    "table.description": "Сипаттамасы",
    "table.section": "Бөлім",
    "timeline.filter": "Сүзгі",
    "timeline.search": "Оқиғаны іздеу",
    "timeline.all": "Барлығы",
    "timeline.shown": "Көрсетілген оқиғалар: {n}",
    "timeline.strip": "Оқиғалардың жылдар бойынша орналасуы: нүктені басып, кестедегі "
                      "оқиғаға өтіңіз",
    # PDF edition
    "print.answers": "Өзін-өзі тексеру тесттерінің жауаптары",
    "cli.pdf": "PDF нұсқасы жазылды: {path}",
    "cli.gradebook": "{n} студенттің бағалары біріктірілді: {path}",
    "cli.gradebook.lms": "LMS-ке арналған файл жазылды: {path}",
    "cli.gradebook.unmatched": "Сәйкестендірілмегендер: {n} (тізімі: {path})",
    "cli.gradebook.unmatched_item": "  {problem}: {who}",
    "cli.gradebook.no_roster": "--moodle және --canvas үшін --roster файлы керек.",
    "cli.solutions": "{n} шешім дәптері жазылды: {path}",
    # command line
    "cli.valid": "Барлық мазмұн файлдары дұрыс: {n} файл тексерілді.",
    "cli.problems": "{n} мәселе табылды:",
    "cli.exported": "{n} сұрақ {path} файлына жазылды.",
    "cli.executed": "{path} орындалды.",
}


def msg(key: str, /, **fields: object) -> str:
    """Return the Kazakh message ``key`` formatted with ``fields``.

    Examples
    --------
    >>> msg("quiz.score", score=3, total=8)
    'Ұпай: 3 / 8'
    >>> msg("no.such.key")
    Traceback (most recent call last):
    ...
    KeyError: "unknown message key 'no.such.key'"
    """
    try:
        template = MESSAGES[key]
    except KeyError:
        raise KeyError(f"unknown message key {key!r}") from None
    return template.format(**fields) if fields else template


def subset(prefixes: Iterable[str]) -> dict[str, str]:
    """Return the messages whose keys start with one of ``prefixes`` (for JavaScript)."""
    wanted = tuple(prefixes)
    return {k: v for k, v in MESSAGES.items() if k.startswith(wanted)}
