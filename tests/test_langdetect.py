"""Tests for bilingual.lang.detect: border-news sentences written for these tests, and error cases."""

from __future__ import annotations

import dataclasses
import time

import pytest

from bilingual.errors import LanguageError
from bilingual.lang.detect import SUPPORTED_LANGUAGES, Detection, detect_language, normalize_lang

# Written for these tests (not taken from any corpus): headlines, short sentences, and sentences
# full of names from the other language.
ENGLISH = [
    "Border Patrol agents arrested 14 migrants near the Bridge of the Americas on Tuesday.",
    "El Paso police said the shooting happened late Saturday night.",
    "The mayor of Ciudad Juárez met with El Paso officials to discuss bridge wait times.",
    "Residents of Juárez called the soldiers «Guardia Nacional» troops.",
    "The sign at the end of the bridge reads «Bienvenidos a Ciudad Juárez» in bright letters.",
    "Traffic backed up for hours at the Ysleta-Zaragoza crossing.",
    "Officials in Chihuahua confirmed three deaths.",
    "Heavy rain flooded streets in Las Cruces and Sunland Park.",
    "Juan Carlos Hernández, 34, was charged with smuggling.",
    "Vendors at the Mercado Juárez say sales are down.",
    "The Secretaría de Relaciones Exteriores issued a statement Monday.",
    "She grew up in Colonia Anapra, just across the fence.",
    "Students from the Universidad Autónoma de Ciudad Juárez visited campus.",
    "Temperatures will reach 108 degrees in El Paso this weekend.",
    "Who pays for the wall?",
    "Bridge wait times are getting longer.",
    "Schools reopen Monday.",
    "Two men were killed.",
    "It's going to be a long night.",
    "Prices at the pump went up again.",
    "The Rio Grande is running low this summer.",
    "María Guadalupe López de la Rosa testified on Thursday.",
    "Agents found 300 pounds of marijuana in a truck at the Santa Teresa port of entry.",
    "Gobernador María Eugenia Campos did not respond to a request for comment.",
    "Volunteers handed out water at the Casa del Migrante shelter.",
    "A judge in Las Cruces denied bail for the suspect.",
    "Fire crews were called to a warehouse on Avenida Tecnológico.",
    "The cartel war in Juárez has left hundreds dead this year.",
    "Customs officers say the new system will cut wait times in half.",
    "GUARDIA NACIONAL TROOPS ARRIVE IN CIUDAD JUÁREZ AFTER WEEKEND OF VIOLENCE",
    "Guardia Nacional Deploys to Ciudad Juárez",
    "Mexican Officials Blame Drought for Rising Food Prices",
    "We're not going anywhere, she said.",
    "Why didn't anyone tell the families?",
    "Asylum seekers waited in the rain.",
    "Maquiladora workers in Juárez want higher wages.",
    "The concert at Plaza de la Mexicana drew thousands of fans.",
    "Fernando Martínez y Rodríguez was sentenced to ten years in federal prison.",
    "Lawmakers in Austin passed the bill late Wednesday.",
    "Parents worry about the long walk to school.",
    "Rain is expected through the weekend.",
    "Hello, everyone!",
    "Thanks for reading.",
    "A dust storm closed Interstate 10 near Anthony.",
    "The Juárez city council approved a new budget on Friday.",
    "Crews are repairing the water line on Calle Vicente Guerrero.",
    "The Tigres del Norte played to a packed stadium.",
    "Nobody knows how many people cross each day.",
    "The hospital in Juárez ran out of beds.",
    "How long will the bridge stay closed?",
    "Fiesta de San Juan draws crowds",
    "Día de los Muertos altars fill the plaza.",
    "Los Angeles Lakers beat the Spurs in San Antonio.",
    "La Mesa, Las Vegas and Los Alamos reported outages.",
    "Interview with Beto O'Rourke",
    "EL PASO, Texas — The Guardia Nacional arrived Monday.",
    "Border wall construction resumes",
    "the governor said there will be no tax increase",
]

SPANISH = [
    "Agentes de la Patrulla Fronteriza detuvieron a 14 migrantes cerca del puente.",
    "La policía de El Paso informó que el tiroteo ocurrió el sábado por la noche.",
    "El alcalde de Ciudad Juárez se reunió con funcionarios de El Paso.",
    "El gobernador Greg Abbott firmó la ley en Austin.",
    "El Texas Department of Public Safety desplegó más agentes en la frontera.",
    "Según el Houston Chronicle, la medida entrará en vigor en septiembre.",
    "Habrá cierres en el Bridge of the Americas este fin de semana.",
    "Los vecinos de Sunland Park denunciaron inundaciones.",
    "Hoy llueve en Juárez.",
    "¿Quién paga el muro?",
    "Cierran escuelas por el calor.",
    "Detienen a dos hombres.",
    "El Paso Electric subirá sus tarifas.",
    "La empresa Walmart abrió una tienda en la avenida Tecnológico.",
    "Agentes del ICE detuvieron a John Smith y a Mary Johnson en Las Cruces.",
    "La University of Texas at El Paso abrió la inscripción.",
    "Los Dallas Cowboys jugarán en Houston el domingo.",
    "DETIENEN A TRES HOMBRES EN EL PASO",
    "Aumenta la espera en los puentes internacionales",
    "Llegan más migrantes a la frontera",
    "¡Qué calor hace hoy!",
    "No hay agua en la colonia.",
    "El Border Patrol Museum cerró sus puertas.",
    "Según el New York Times, la cifra es mayor.",
    "La Fiscalía investiga el homicidio de un joven en la colonia Bellavista.",
    "Cientos de personas cruzaron el río Bravo durante la madrugada.",
    "El Consulado de México en El Paso ofrece trámites de pasaporte.",
    "Los trabajadores de la maquila exigen mejores salarios.",
    "El Departamento de Seguridad Nacional anunció nuevas reglas de asilo.",
    "Fue detenido en el Puente Libre cuando intentaba cruzar con droga.",
    "Se prevé lluvia para el fin de semana.",
    "Las clases se suspenden por la tormenta de polvo.",
    "El precio de la gasolina subió otra vez.",
    "Me dijo que no volvería.",
    "Ya no hay lugar en los albergues.",
    "El equipo de los Bravos ganó el campeonato.",
    "Michael Johnson y Robert Williams fueron sentenciados en Las Cruces.",
    "La Casa Blanca no ha respondido.",
    "Joe Biden visitó El Paso y habló con agentes de la Border Patrol.",
    "Un incendio consumió una bodega en la zona centro.",
    "Hay filas de tres horas en el puente Zaragoza.",
    "El Walmart de Cielo Vista reabrió tras el ataque.",
    "Los migrantes esperan su cita de CBP One en albergues.",
    "Gracias por leer.",
    "Buenos días a todos.",
    "El Fort Bliss recibirá a más soldados este año.",
    "La jueza Kathleen Cardone suspendió la ley.",
    "¿Cuánto cuesta cruzar?",
    "Murió un hombre tras un choque en la carretera Juárez-Porvenir.",
    "El Paso Times y El Diario de Juárez publicaron la noticia.",
    "San Antonio y Los Angeles esperan lluvias.",
    "Vecinos de Las Cruces denuncian robos",
    "Department of Homeland Security anuncia cambios",
    "McDonald's abrió en la colonia Chamizal.",
    "Entrevista con Beto O'Rourke",
    "Happy Thanksgiving desde El Paso",
    "Juárez, Chihuahua.— La Guardia Nacional llegó ayer.",
    "el gobernador dijo que no habra aumento de impuestos",
    "EL GOBERNADOR DIJO QUE NO HABRÁ AUMENTO",
    "Reanudan construcción del muro",
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_sentences(text: str) -> None:
    assert detect_language(text).lang == "en"


@pytest.mark.parametrize("text", SPANISH)
def test_spanish_sentences(text: str) -> None:
    assert detect_language(text).lang == "es"


def test_enough_test_sentences() -> None:
    assert len(set(ENGLISH)) >= 40
    assert len(set(SPANISH)) >= 40


def test_detection_fields() -> None:
    result = detect_language("La policía detuvo a dos hombres en el puente.")
    assert isinstance(result, Detection)
    assert result.lang == "es"
    assert 0.5 < result.confidence <= 1.0
    assert set(result.scores) == set(SUPPORTED_LANGUAGES)
    assert result.scores["es"] == result.confidence
    assert result.scores["es"] + result.scores["en"] == pytest.approx(1.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.lang = "en"  # type: ignore[misc]


def test_longer_text_is_more_confident() -> None:
    short = detect_language("Two men were killed.")
    long = detect_language(" ".join(ENGLISH))
    assert long.lang == "en"
    assert long.confidence > short.confidence


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The mayor said «vamos a cerrar el puente» and left the room, ignoring reporters' questions.", "en"),
        ('El alcalde dijo a los reporteros que "we are ready" y se retiró del lugar.', "es"),
    ],
)
def test_short_quotes_in_the_other_language(text: str, lang: str) -> None:
    assert detect_language(text).lang == lang


@pytest.mark.parametrize(
    ("article", "lang"),
    [(" ".join(SPANISH) + "\n", "es"), (" ".join(ENGLISH) + "\n", "en")],
)
def test_large_text_is_sampled_and_fast(article: str, lang: str) -> None:
    text = article * (1_000_000 // len(article) + 1)
    assert len(text) >= 1_000_000
    detect_language(text)  # warm the model
    start = time.perf_counter()
    result = detect_language(text)
    elapsed = time.perf_counter() - start
    assert result.lang == lang
    assert result.confidence > 0.99
    assert elapsed < 0.5  # typically a few milliseconds; generous for slow CI machines


def test_large_mostly_spanish_article_with_english_quotes() -> None:
    quote = "“We are not going to close the border,” the official told reporters. "
    text = (" ".join(SPANISH) + " " + quote) * 500
    assert detect_language(text).lang == "es"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t", "12345", "!!! ??? ...", "2024-10-01 14:30 — 915-555-0100", "你好，世界", "Привет мир"],
)
def test_no_words_raises(text: str) -> None:
    with pytest.raises(LanguageError) as excinfo:
        detect_language(text, name="story.txt")
    assert excinfo.value.message == ("could not detect the language of story.txt: no Spanish or English words found")
    assert excinfo.value.hint == "pass --from es or --from en"


def test_default_name_in_message() -> None:
    with pytest.raises(LanguageError, match="language of input"):
        detect_language("42")


@pytest.mark.parametrize("text", ["a", "A.", "Poor Taste"])
def test_tie_raises(text: str) -> None:
    with pytest.raises(LanguageError) as excinfo:
        detect_language(text, name="x.txt")
    assert excinfo.value.message.startswith("could not detect the language of x.txt")
    assert excinfo.value.hint == "pass --from es or --from en"


@pytest.mark.parametrize(
    ("code", "lang"),
    [
        ("es", "es"),
        ("ES", "es"),
        ("spa", "es"),
        ("spanish", "es"),
        ("Spanish", "es"),
        ("español", "es"),
        ("en", "en"),
        ("EN", "en"),
        ("eng", "en"),
        ("english", "en"),
        ("inglés", "en"),
        (" en ", "en"),
    ],
)
def test_normalize_lang(code: str, lang: str) -> None:
    assert normalize_lang(code) == lang


@pytest.mark.parametrize("code", ["xx", "fr", "", "e", "es-MX-x"])
def test_normalize_lang_rejects_unknown(code: str) -> None:
    with pytest.raises(LanguageError) as excinfo:
        normalize_lang(code)
    assert excinfo.value.message == f"unknown language '{code}'"
    assert excinfo.value.hint == "use es or en"


def test_supported_languages() -> None:
    assert SUPPORTED_LANGUAGES == ("es", "en")
    for lang in SUPPORTED_LANGUAGES:
        assert normalize_lang(lang) == lang
