"""Hold every Kazakh string that a student or an instructor sees.

Python formats these with :func:`msg`; the quiz JavaScript receives the subset it
needs as JSON (:func:`subset`). Keys are dotted English ids.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["CLICK_KK", "ENGLISH", "MESSAGES", "msg", "subset"]

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
    "quiz.run_cell": "Тест әзірге белсенді емес: ұяшықты іске қосыңыз (Shift+Enter). "
                     "JupyterLab сенімсіз дәптердегі сақталған тестті іске қоспайды.",
    # the columns of Quiz.results() (one row per question)
    "quiz.col.question": "сұрақ",
    "quiz.col.type": "түрі",
    "quiz.col.response": "жауап",
    "quiz.col.answered": "жауап берілді",
    "quiz.col.correct": "дұрыс",
    # JupyterLab: what lab/classroom shows over jupyterlab-myst's English labels and glossary
    # terms (tools/lab_course_data.py passes the "lab." keys to it)
    "lab.exercise": "Жаттығу",
    "lab.link_exercise": "Осы жаттығуға сілтеме",
    "lab.link_section": "Осы бөлімге сілтеме",
    "lab.term_ru": "орысша",
    "lab.term_en": "ағылшынша",
    "lab.term_close": "Жабу",
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
    "grade.entry.symlink": "Бұл — символдық сілтеме, файл емес; сілтемелер тексерілмейді. "
                           "Студенттің өз файлын бумаға көшіріңіз.",
    "grade.entry.folder": "Бұл — бума, notebook файлы емес. Ішіндегі .ipynb файлын буманың "
                          "өзіне шығарыңыз.",
    "grade.entry.special": "Бұл — арнайы файл (құрылғы, арна немесе сокет), notebook емес.",
    "grade.entry.hardlink": "Файлдың басқа атаулары бар (қатты сілтеме); оны көшірме етіп "
                            "қайта сақтаңыз.",
    "grade.entry.not_notebook": "Бұл .ipynb файлы емес. Студенттен notebook файлын сұраңыз.",
    "grade.entry.bad_name": "Файл атауы UTF-8 емес, ол «{name}» деп көрсетілді.",
    "grade.entry.duplicate": "«{student}» идентификаторы бумада бірнеше рет кездеседі.",
    "grade.hidden_failed": "{exercise_id}: жасырын тексерулердің {n} өтпеді.",
    "sandbox.on": "қосулы",
    "sandbox.off": "ӨШІРУЛІ",
    "sandbox.namespaces": "Бөлек атаулар кеңістігі (PID, желі, файлдар көрінісі): {state}",
    "sandbox.cgroup": "Жұмыс бойынша жад пен процесс саны шегі (cgroup): {state}",
    "sandbox.landlock": "Landlock файл шектеуі: {state} (ABI {abi})",
    "sandbox.drop_user": "Ядро артықшылықсыз пайдаланушы ретінде: {state}",
    "sandbox.header": "Жұмыстар мына қорғаныспен орындалады:",
    "sandbox.required": "--require-sandbox берілген, бірақ бұл жүйеде мына қорғаныстар жоқ: "
                        "{missing}. Тексеру басталмады.",
    "sandbox.keys_readable": "Кілттер бумасы ({keys}) ядро оқи алатын {folder} бумасының "
                             "ішінде. Кілттерді басқа бумаға көшіріп, --keys арқылы көрсетіңіз.",
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
    "map.run_cell": "Карта көрінбесе, ұяшықты іске қосыңыз (Shift+Enter): JupyterLab сенімсіз "
                    "дәптердегі сақталған картаны көрсетпейді.",
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
    "map.described": "Картада көрсетілгені",
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
    "glossary.note": "Редакциялық ескертпе",
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
    "table.lecture": "Дәріс",
    "table.left_out": "Дәрісте берілмейтіні және себебі",
    "timeline.filter": "Сүзгі",
    "timeline.search": "Оқиғаны іздеу",
    "timeline.all": "Барлығы",
    "timeline.shown": "Көрсетілген оқиғалар: {n}",
    "timeline.strip": "Оқиғалардың жылдар бойынша орналасуы: нүктені басып, кестедегі "
                      "оқиғаға өтіңіз",
    # offline edition (ca_course.offline) and editions by academic year (ca_course.editions)
    "offline.short_name": "Орталық Азия",
    "offline.description": "Орталық Азияның қауіпсіздігі мен интеграциясы туралы курс: "
                           "желісіз де оқуға болады.",
    "offline.tiles": "Карта негізі жүктелмеді (желі жоқ): шекаралар мен нүктелер "
                     "көрсетілген.",
    "edition.label": "Басылым:",
    "edition.current": "ағымдағы",
    "edition.dev": "жұмыс нұсқасы",
    "cli.edition": "{year} басылымы жиналды: {folder}; мұрағат: {archive}",
    # PDF edition
    "print.answers": "Өзін-өзі тексеру тесттерінің жауаптары",
    "print.contents": "Мазмұны",
    "print.appendices": "Қосымшалар",
    "print.to_answers": "Жауаптары қосымшада",
    "print.to_quiz": "Тест сұрақтарына оралу",
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
    # command line: help texts (cli.help.<command>, cli.opt.<command>.<option>,
    # cli.arg.<command>.<argument>), metavars, run messages; English in ENGLISH below
    "cli.help.main": "Курс құралдары: мазмұнды тексеру, тесттерді экспорттау, дәрістерді "
                     "орындау, студенттердің жұмыстарын бағалау. Курс бумасы (кілттер, "
                     "дәрістер) кез келген бумадан табылады: CA_COURSE_ROOT айнымалысы, "
                     "~/.config/ca-course/config.toml файлы немесе пакеттің өз бумасы. "
                     "Ағылшынша анықтама: LANG=en.",
    "cli.help.validate": "Барлық мазмұн файлын тексереді; әр мәселені файл, жол және id "
                         "бойынша көрсетеді, мәселе болса нөлдік емес кодпен аяқталады.",
    "cli.help.quiz": "Сұрақтар банктері: тексеру, экспорттау.",
    "cli.help.quiz.validate": "Сұрақтар банктерін тексереді (ЖОЛДАР берілмесе, пакеттің "
                              "барлық банкін).",
    "cli.help.quiz.export": "Сұрақтар банктерін Moodle (moodle-xml, gift) немесе Canvas "
                            "(qti: IMS QTI 1.2 zip) импорттайтын форматта жазады.",
    "cli.help.notebooks": "Дәріс дәптерлері.",
    "cli.help.notebooks.execute": "Дәптерлерді кітаптың статикалық көрінісімен қайта орындап, "
                                  "шығыстарын сақтайды (ЖОЛДАР берілмесе, курстың барлық "
                                  "дәрісін).",
    "cli.help.grade": "Студенттер тапсырған дәптерлер бумасын бағалайды: әр жұмысқа бір жол. "
                      "Дәріс жұмыстардағы жаттығу идентификаторларынан анықталады.",
    "cli.help.gradebook": "Бірнеше grades.csv файлын бір журналға біріктіреді: статистика "
                          "және гистограмма.",
    "cli.help.solutions": "Оқытушыға шешімдері бар дәптерлер жазады (жауап ұяшықтары "
                          "кілттерден толтырылады).",
    "cli.help.pdf": "Кітаптың бір беттік нұсқасын PDF етіп басып шығарады.",
    "cli.arg.quiz.validate.paths": "Тексерілетін банк файлдары (lNN.yaml).",
    "cli.arg.notebooks.execute.paths": "Орындалатын дәптерлер (.ipynb).",
    "cli.arg.grade.submissions": "Студенттердің .ipynb файлдары бар бума (файл аты — "
                                 "студенттің идентификаторы).",
    "cli.arg.gradebook.csvs": "grade командасы жазған grades.csv файлдары.",
    "cli.arg.solutions.notebooks": "Дәріс дәптерлері (берілмесе, курстың барлық дәрісі).",
    "cli.opt.quiz.export.fmt": "Шығыс форматы.",
    "cli.opt.quiz.export.lecture": "Бір дәрістің идентификаторы, мысалы l01; берілмесе, "
                                   "барлық дәріс.",
    "cli.opt.quiz.export.out": "Жазылатын файл.",
    "cli.opt.grade.out": "grades.csv: әр жұмысқа бір жол.",
    "cli.opt.grade.out_json": "Әр жаттығу бойынша түсіндірмесі бар JSON есеп (әдепкісі: "
                              "--out файлының жанында).",
    "cli.opt.grade.keys_dir": "Кілттер бумасы (әдепкісі: курс бумасындағы instructor/keys).",
    "cli.opt.grade.lecture": "Жұмыстар жауап беретін дәріс, мысалы l02 (әдепкісі: "
                             "жұмыстардағы жаттығу идентификаторларынан анықталады).",
    "cli.opt.grade.workers": "Қатар жұмыс істейтін ядролар саны (әдепкісі: барлық "
                             "процессор ядросы).",
    "cli.opt.grade.cell_timeout": "Бір ұяшыққа берілетін секунд.",
    "cli.opt.grade.total_timeout": "Бір жұмысқа берілетін секунд.",
    "cli.opt.grade.memory_mb": "Бір жұмыстың жад шегі, МБ.",
    "cli.opt.grade.redo": "Бұрын бағаланған жұмыстарды да қайта бағалау.",
    "cli.opt.grade.scheduler": "Dask кластерінің мекенжайы, tcp://host:port.",
    "cli.opt.grade.require_sandbox": "Барлық қорғаныс (атаулар кеңістігі, cgroup, Landlock, "
                                     "артықшылықсыз пайдаланушы) болмаса, бағалауды бастамау.",
    "cli.opt.gradebook.out": "Журнал жазылатын бума.",
    "cli.opt.gradebook.roster": "Студенттер тізімі (CSV): file немесе student бағаны, "
                                "email, idnumber, username, name, canvas_id, sis_user_id, "
                                "sis_login_id, section.",
    "cli.opt.gradebook.moodle": "Moodle-дің «Import grades from CSV» файлын да жазады "
                                "(moodle_grades.csv).",
    "cli.opt.gradebook.canvas": "Canvas журналының импорт файлын да жазады "
                                "(canvas_grades.csv).",
    "cli.opt.solutions.out": "Шешімдер жазылатын бума (тек оқытушыға; дәрістер бумасы "
                             "болмауы керек).",
    "cli.opt.solutions.keys_dir": "Кілттер бумасы (әдепкісі: курс бумасындағы "
                                  "instructor/keys).",
    "cli.opt.pdf.singlehtml": "Кітаптың бір беттік жинағы (әдепкісі: курс бумасындағы "
                              "_build/singlehtml).",
    "cli.opt.pdf.out": "PDF файлы (әдепкісі: курс бумасындағы _build/html/course-kk.pdf).",
    "cli.metavar.options": "[ОПЦИЯЛАР]",
    "cli.metavar.subcommand": "КОМАНДА [АРГУМЕНТТЕР]...",
    "cli.metavar.folder": "БУМА",
    "cli.metavar.file": "ФАЙЛ",
    "cli.metavar.path": "ЖОЛ",
    "cli.metavar.integer": "БҮТІН_САН",
    "cli.metavar.number": "САН",
    "cli.metavar.text": "МӘТІН",
    "cli.metavar.paths": "ЖОЛДАР",
    "cli.metavar.submissions": "ЖҰМЫСТАР_БУМАСЫ",
    "cli.metavar.csvs": "GRADES_CSV",
    "cli.metavar.notebooks": "ДӘПТЕРЛЕР",
    "cli.metavar.lecture": "ДӘРІС",
    "cli.metavar.scheduler": "МЕКЕНЖАЙ",
    "cli.pathkind.folder": "бума",
    "cli.pathkind.file": "файл",
    "cli.pathkind.path": "жол",
    "cli.course": "Курс бумасы: {path} ({origin})",
    "cli.course_none": "Курс бумасы: табылмады",
    "cli.keys": "Кілттер бумасы: {path}",
    "cli.keys_none": "Кілттер бумасы: берілмеген",
    "cli.origin.env": "CA_COURSE_ROOT айнымалысынан",
    "cli.origin.config": "баптау файлынан: {path}",
    "cli.origin.package": "ca_course пакеті орнатылған бума",
    "cli.origin.cwd": "ағымдағы бума",
    "cli.no_keys": "Кілттер бумасы жоқ: {path}. --keys арқылы lNN.yaml файлдары бар бумаға "
                   "жол беріңіз.",
    "cli.unexpected": "Күтпеген қате болды.\n  Файл: {file}\n  Сипаттамасы: {error}\n"
                      "  Толық мәлімет (traceback) жазылған файл: {log}",
    "cli.content_problems": "Мазмұн немесе кілт файлдарында {n} мәселе табылды:\n{problems}",
    "cli.unknown_lecture": "«{lecture}» деген дәріс жоқ. Бар дәрістер: {known}.",
    "cli.no_submissions": "{path} бумасында .ipynb файлы жоқ. Студенттердің дәптерлерін "
                          "осы бумаға салыңыз.",
    "cli.lecture_given": "Дәріс: {lecture} (--lecture арқылы берілді)",
    "cli.lecture_found": "Дәріс: {lecture} (жұмыстардағы жаттығу идентификаторларынан "
                         "анықталды)",
    "cli.lecture_others": "Ескерту: бумада басқа дәрістердің жұмыстары да бар, олар осы "
                          "дәрістің жаттығуларымен бағаланады:\n{found}",
    "cli.bad_grades": "Бағалар кестелерін біріктіру мүмкін болмады: {error}. Әр файл "
                      "«ca-course grade» жазған grades.csv болуы керек.",
    "cli.not_notebook": "{path} — жарамды дәптер емес: {error}",
    "cli.no_exercises": "{path} дәптерінде жаттығу жоқ (check(\"lNN-exM\", ...) ұяшықтары "
                        "табылмады); дәріс дәптерін беріңіз.",
    "cli.out_is_source": "--out {path} — дәріс дәптерлерінің өз бумасы; шешімдерді бөлек, "
                         "тек оқытушыға арналған бумаға жазыңыз.",
    "cli.solutions_unmatched": "Ескерту: {path} дәптерінің {cells}-ұяшықтарына шешім "
                               "табылмады.",
    "cli.no_singlehtml": "{path} бумасы жоқ. Алдымен кітапты жинаңыз: python3 dev.py build.",
    "paths.bad_env": "{var}={path}: бұл курс бумасы емес (ішінде book/ бумасы мен _toc.yml "
                     "файлы жоқ). Айнымалыны курс репозиторийінің түбіріне бағыттаңыз.",
    "paths.bad_config": "Баптау файлын оқу мүмкін болмады: {path} ({error}).",
    "paths.bad_config_root": "{config} файлындағы root = {path} курс бумасы емес (ішінде "
                             "book/ бумасы мен _toc.yml файлы жоқ).",
    "paths.not_found": "Курс бумасы табылмады. Команданы курс репозиторийінің ішінен іске "
                       "қосыңыз, {var} айнымалысын орнатыңыз (export {var}=/курс/бумасы) "
                       "немесе {config} файлына root = \"/курс/бумасы\" жолын жазыңыз.",
    "grade.lecture_unknown": "«{lecture}» дәрісінің кілттері немесе жаттығулары жоқ. "
                             "Бағалауға болатын дәрістер: {known}.",
    "grade.lecture_mismatch": "Жұмыстар --lecture {lecture} дәрісіне жатпайды; олардағы "
                              "жаттығулар мына дәрістерге тиесілі:\n{found}\n"
                              "--lecture мәнін түзетіңіз немесе оны алып тастаңыз.",
    "grade.lecture_mixed": "Бумада бірнеше дәрістің жұмыстары бар:\n{found}\nҚай дәрісті "
                           "бағалау керегін --lecture арқылы таңдаңыз (мысалы, --lecture "
                           "{example}) немесе жұмыстарды дәрістер бойынша бөлек бумаларға "
                           "бөліңіз.",
    "grade.lecture_not_found": "Жұмыстардан жаттығу идентификаторы (check(\"lNN-exM\", ...)) "
                               "табылмады, сондықтан дәрісті анықтау мүмкін емес. Дәрісті "
                               "--lecture арқылы көрсетіңіз, мысалы --lecture {example}.",
    "grade.lecture_no_keys": "Жұмыстар {lecture} дәрісіне жатады, бірақ оның кілттері жоқ. "
                             "Кілттері бар дәрістер: {known}.",
}


# English counterparts of the command-line messages, shown with LANG=en
# (:mod:`ca_course.cli_locale`); every other text of the course is Kazakh only.
ENGLISH: dict[str, str] = {
    "cli.help.main": "Course tools: validate content, export quizzes, execute lectures, grade "
                     "student work. The course folder (keys, lectures) is found from any "
                     "folder: the CA_COURSE_ROOT variable, the file "
                     "~/.config/ca-course/config.toml, or the package's own folder. Kazakh "
                     "help: unset LANG=en.",
    "cli.help.validate": "Validate every content file; list every problem with file, line and "
                         "id, and exit non-zero if there is any.",
    "cli.help.quiz": "Question banks: validate, export.",
    "cli.help.quiz.validate": "Validate question banks (all package banks when no PATHS are "
                              "given).",
    "cli.help.quiz.export": "Write question banks in a format Moodle (moodle-xml, gift) or "
                            "Canvas (qti: an IMS QTI 1.2 zip) imports.",
    "cli.help.notebooks": "Lecture notebooks.",
    "cli.help.notebooks.execute": "Re-run notebooks in place with the book's static rendering "
                                  "and store their outputs (all course lectures when no "
                                  "PATHS).",
    "cli.help.grade": "Grade a folder of submitted notebooks; every submission gets a row. The "
                      "lecture is read from the exercise ids in the submissions.",
    "cli.help.gradebook": "Merge several grades.csv files into one gradebook with statistics "
                          "and a histogram.",
    "cli.help.solutions": "Write solution notebooks (answer cells filled from the keys) for "
                          "instructors.",
    "cli.help.pdf": "Print the single-page build of the book to the PDF edition.",
    "cli.arg.quiz.validate.paths": "Bank files to validate (lNN.yaml).",
    "cli.arg.notebooks.execute.paths": "Notebooks to run (.ipynb).",
    "cli.arg.grade.submissions": "Folder of the students' .ipynb files (file name = student "
                                 "id).",
    "cli.arg.gradebook.csvs": "grades.csv files written by the grade command.",
    "cli.arg.solutions.notebooks": "Lecture notebooks (all course lectures when omitted).",
    "cli.opt.quiz.export.fmt": "Output format.",
    "cli.opt.quiz.export.lecture": "One lecture id such as l01; all lectures when omitted.",
    "cli.opt.quiz.export.out": "File to write.",
    "cli.opt.grade.out": "grades.csv: one row per submission.",
    "cli.opt.grade.out_json": "JSON report with per-exercise feedback (default: next to "
                              "--out).",
    "cli.opt.grade.keys_dir": "Keys folder (default: instructor/keys in the course folder).",
    "cli.opt.grade.lecture": "The lecture the submissions answer, e.g. l02 (default: read "
                             "from the exercise ids in the submissions).",
    "cli.opt.grade.workers": "Parallel kernels (default: all cores).",
    "cli.opt.grade.cell_timeout": "Seconds per cell.",
    "cli.opt.grade.total_timeout": "Seconds per submission.",
    "cli.opt.grade.memory_mb": "Memory limit of one submission, MB.",
    "cli.opt.grade.redo": "Grade again submissions already graded.",
    "cli.opt.grade.scheduler": "A Dask scheduler address, tcp://host:port.",
    "cli.edition": "Edition {year} built: {folder}; archive: {archive}",
    "cli.opt.grade.require_sandbox": "Refuse to grade unless every protection (namespaces, "
                                     "cgroup, Landlock, unprivileged user) is on.",
    "sandbox.on": "on",
    "sandbox.off": "OFF",
    "sandbox.namespaces": "Own namespaces (PID, network, filesystem view): {state}",
    "sandbox.cgroup": "Memory and process limits per submission (cgroup): {state}",
    "sandbox.landlock": "Landlock file rules: {state} (ABI {abi})",
    "sandbox.drop_user": "Kernel runs as an unprivileged user: {state}",
    "sandbox.header": "Submissions run with these protections:",
    "sandbox.required": "--require-sandbox was given, but this host lacks: {missing}. "
                        "Nothing was graded.",
    "sandbox.keys_readable": "The keys folder ({keys}) lies inside {folder}, which kernels "
                             "can read. Move the keys elsewhere and pass --keys.",
    "cli.opt.gradebook.out": "Folder to write the gradebook to.",
    "cli.opt.gradebook.roster": "Student roster (CSV): a file or student column, and email, "
                                "idnumber, username, name, canvas_id, sis_user_id, "
                                "sis_login_id, section.",
    "cli.opt.gradebook.moodle": "Also write the file for Moodle's Import grades from CSV "
                                "(moodle_grades.csv).",
    "cli.opt.gradebook.canvas": "Also write the file for Canvas's gradebook import "
                                "(canvas_grades.csv).",
    "cli.opt.solutions.out": "Folder to write the solutions to (instructor-only; not the "
                             "lectures' folder).",
    "cli.opt.solutions.keys_dir": "Keys folder (default: instructor/keys in the course "
                                  "folder).",
    "cli.opt.pdf.singlehtml": "Single-page build of the book (default: _build/singlehtml in "
                              "the course folder).",
    "cli.opt.pdf.out": "PDF file (default: _build/html/course-kk.pdf in the course folder).",
    "cli.metavar.options": "[OPTIONS]",
    "cli.metavar.subcommand": "COMMAND [ARGS]...",
    "cli.metavar.folder": "DIRECTORY",
    "cli.metavar.file": "FILE",
    "cli.metavar.path": "PATH",
    "cli.metavar.integer": "INTEGER",
    "cli.metavar.number": "NUMBER",
    "cli.metavar.text": "TEXT",
    "cli.metavar.paths": "PATHS",
    "cli.metavar.submissions": "SUBMISSIONS",
    "cli.metavar.csvs": "GRADES_CSV",
    "cli.metavar.notebooks": "NOTEBOOKS",
    "cli.metavar.lecture": "LECTURE",
    "cli.metavar.scheduler": "ADDRESS",
    "cli.pathkind.folder": "directory",
    "cli.pathkind.file": "file",
    "cli.pathkind.path": "path",
    "cli.course": "Course folder: {path} ({origin})",
    "cli.course_none": "Course folder: not found",
    "cli.keys": "Keys folder: {path}",
    "cli.keys_none": "Keys folder: not given",
    "cli.origin.env": "from CA_COURSE_ROOT",
    "cli.origin.config": "from the config file {path}",
    "cli.origin.package": "the folder the ca_course package is installed from",
    "cli.origin.cwd": "the current folder",
    "cli.no_keys": "No keys folder {path}. Pass the folder of the lNN.yaml files with --keys.",
    "cli.unexpected": "An unexpected error occurred.\n  File: {file}\n  Description: {error}\n"
                      "  Full details (traceback) written to: {log}",
    "cli.content_problems": "{n} problems found in the content or key files:\n{problems}",
    "cli.unknown_lecture": "No lecture {lecture!r}. Lectures: {known}.",
    "cli.no_submissions": "No .ipynb file in {path}. Put the students' notebooks there.",
    "cli.lecture_given": "Lecture: {lecture} (given with --lecture)",
    "cli.lecture_found": "Lecture: {lecture} (read from the exercise ids in the submissions)",
    "cli.lecture_others": "Warning: the folder also holds submissions of other lectures; they "
                          "are graded against this lecture's exercises:\n{found}",
    "cli.bad_grades": "Could not merge the grade tables: {error}. Each file must be a "
                      "grades.csv written by 'ca-course grade'.",
    "cli.not_notebook": "{path} is not a valid notebook: {error}",
    "cli.no_exercises": "{path} has no exercises (no check(\"lNN-exM\", ...) cells); pass a "
                        "lecture notebook.",
    "cli.out_is_source": "--out {path} is the lecture notebooks' own folder; write solutions "
                         "to a separate, instructor-only folder.",
    "cli.solutions_unmatched": "Warning: no solution found for cells {cells} of {path}.",
    "cli.no_singlehtml": "No folder {path}. Build the book first: python3 dev.py build.",
    "cli.valid": "All content files are valid: {n} files checked.",
    "cli.problems": "{n} problems found:",
    "cli.exported": "{n} questions written to {path}.",
    "cli.executed": "{path} executed.",
    "cli.pdf": "PDF edition written: {path}",
    "cli.gradebook": "Grades of {n} students merged: {path}",
    "cli.gradebook.lms": "File for the LMS written: {path}",
    "cli.gradebook.unmatched": "Not matched: {n} (listed in {path})",
    "cli.gradebook.unmatched_item": "  {problem}: {who}",
    "cli.gradebook.no_roster": "--moodle and --canvas need a --roster file.",
    "cli.solutions": "{n} solution notebooks written: {path}",
    "grade.summary": "{n} submissions graded: {ok} ok, {failed} with problems. Report: {path}",
    "paths.bad_env": "{var}={path} is not a course folder (no book/ folder and _toc.yml file "
                     "in it). Point the variable at the root of the course repository.",
    "paths.bad_config": "Could not read the config file {path} ({error}).",
    "paths.bad_config_root": "root = {path} in {config} is not a course folder (no book/ "
                             "folder and _toc.yml file in it).",
    "paths.not_found": "No course folder found. Run the command inside the course repository, "
                       "set {var} (export {var}=/path/to/course) or write "
                       "root = \"/path/to/course\" into {config}.",
    "grade.lecture_unknown": "Lecture {lecture!r} has no keys or exercises. Lectures that can "
                             "be graded: {known}.",
    "grade.lecture_mismatch": "The submissions do not answer --lecture {lecture}; their "
                              "exercises belong to:\n{found}\nFix --lecture or leave it out.",
    "grade.lecture_mixed": "The folder holds submissions of several lectures:\n{found}\n"
                           "Choose the lecture to grade with --lecture (e.g. --lecture "
                           "{example}) or split the submissions into one folder per lecture.",
    "grade.lecture_not_found": "No exercise id (check(\"lNN-exM\", ...)) found in the "
                               "submissions, so the lecture is unknown. Name it with "
                               "--lecture, e.g. --lecture {example}.",
    "grade.lecture_no_keys": "The submissions answer {lecture}, which has no keys. Lectures "
                             "with keys: {known}.",
}

# click's own strings (its gettext msgids) in Kazakh, installed by ca_course.cli_locale.
CLICK_KK: dict[str, str] = {
    "Usage:": "Қолданылуы:",
    "Options": "Опциялар",
    "Commands": "Командалар",
    "Positional arguments": "Аргументтер",
    "Show this message and exit.": "Осы анықтаманы көрсетіп, шығу.",
    "Show the version and exit.": "Нұсқасын көрсетіп, шығу.",
    "Error: {message}": "Қате: {message}",
    "Try '{command} {option}' for help.": "Анықтама: '{command} {option}'.",
    "Invalid value: {message}": "Жарамсыз мән: {message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} мәні жарамсыз: {message}",
    "Missing argument": "Міндетті аргумент берілмеген:",
    "Missing option": "Міндетті опция берілмеген:",
    "Missing parameter": "Міндетті параметр берілмеген:",
    "Missing {param_type}": "Міндетті {param_type} берілмеген:",
    "Missing parameter: {param_name}": "Міндетті параметр берілмеген: {param_name}",
    "Missing command.": "Команда берілмеген.",
    "No such option {name!r}.": "{name!r} деген опция жоқ.",
    "No such command {name!r}.": "{name!r} деген команда жоқ.",
    "Did you mean {possibility}?": "Мүмкін, {possibility} керек шығар?",
    "(Did you mean one of: {possibilities}?)": "(Мүмкін, мыналардың бірі керек шығар: "
                                               "{possibilities}?)",
    "Got unexpected extra argument ({args})": "Артық аргумент берілді ({args})",
    "Got unexpected extra arguments ({args})": "Артық аргументтер берілді ({args})",
    "Option {name!r} requires an argument.": "{name!r} опциясына мән беру керек.",
    "Option {name!r} requires {nargs} arguments.": "{name!r} опциясына {nargs} мән беру "
                                                   "керек.",
    "Option {name!r} does not take a value.": "{name!r} опциясы мән қабылдамайды.",
    "Argument {name!r} takes {nargs} values.": "{name!r} аргументі {nargs} мән қабылдайды.",
    "Value must be an iterable.": "Мән тізбек болуы керек.",
    "Takes {nargs} values but 1 was given.": "{nargs} мән керек, бірақ 1 мән берілді.",
    "Takes {nargs} values but {len} were given.": "{nargs} мән керек, бірақ {len} мән "
                                                  "берілді.",
    "{value!r} is not {choice}.": "{value!r} жарамсыз; рұқсат етілгені: {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} рұқсат етілген мәндердің бірі емес: "
                                          "{choices}.",
    "Choose from:\n\t{choices}": "Мыналардың бірін таңдаңыз:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} жарамды сан емес.",
    "{value} is not in the range {range}.": "{value} рұқсат етілген аралықта емес: {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} логикалық "
        "мән емес. Рұқсат етілген мәндер: {states}",
    "{value!r} is not a valid UUID.": "{value!r} жарамды UUID емес.",
    "{value!r} does not match the format {format}.": "{value!r} {format} форматына сәйкес "
                                                     "емес.",
    "{value!r} does not match the formats {formats}.": "{value!r} мына форматтардың "
                                                       "ешқайсысына сәйкес емес: {formats}.",
    "{len_type} values are required, but {len_value} was given.": "{len_type} мән керек, "
        "бірақ {len_value} мән берілді.",
    "{len_type} values are required, but {len_value} were given.": "{len_type} мән керек, "
        "бірақ {len_value} мән берілді.",
    "{name} {filename!r} does not exist.": "{name} табылмады: {filename!r}.",
    "{name} {filename!r} is a file.": "{filename!r} — файл, ал мұнда бума керек.",
    "{name} {filename!r} is a directory.": "{filename!r} — бума, ал мұнда файл керек.",
    "{name} {filename!r} is not readable.": "{name} оқылмайды (рұқсат жоқ): {filename!r}.",
    "{name} {filename!r} is not writable.": "{name} жазылмайды (рұқсат жоқ): {filename!r}.",
    "{name} {filename!r} is not executable.": "{name} орындалмайды (рұқсат жоқ): "
                                              "{filename!r}.",
    "Could not open file {filename!r}: {message}": "{filename!r} файлын ашу мүмкін болмады: "
                                                   "{message}",
    "unknown error": "белгісіз қате",
    "Aborted!": "Тоқтатылды!",
    "required": "міндетті",
    "default: {default}": "әдепкісі: {default}",
    "env var: {var}": "орта айнымалысы: {var}",
    "(dynamic)": "(есептеледі)",
}


def msg(key: str, /, *, lang: str = "kk", **fields: object) -> str:
    """Return the Kazakh message ``key`` formatted with ``fields``.

    With ``lang="en"`` the English counterpart from :data:`ENGLISH` is used when there is
    one (the command line's messages).

    Examples
    --------
    >>> msg("quiz.score", score=3, total=8)
    'Ұпай: 3 / 8'
    >>> msg("cli.keys", lang="en", path="/course/instructor/keys")
    'Keys folder: /course/instructor/keys'
    >>> msg("no.such.key")
    Traceback (most recent call last):
    ...
    KeyError: "unknown message key 'no.such.key'"
    """
    try:
        template = ENGLISH[key] if lang == "en" and key in ENGLISH else MESSAGES[key]
    except KeyError:
        raise KeyError(f"unknown message key {key!r}") from None
    return template.format(**fields) if fields else template


def subset(prefixes: Iterable[str]) -> dict[str, str]:
    """Return the messages whose keys start with one of ``prefixes`` (for JavaScript)."""
    wanted = tuple(prefixes)
    return {k: v for k, v in MESSAGES.items() if k.startswith(wanted)}
