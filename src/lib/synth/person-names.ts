/*
 * Given names and surnames by language or origin, for synthetic contacts. Each list mixes names
 * of several generations (customers are 18 to 85). No name contains a comma or a double quote,
 * so rows need no CSV quoting; accents, apostrophes (O'Brien) and spaces (van der Berg) stay.
 */

/** Names of one language or origin. */
export interface NamePool {
  female: readonly string[];
  male: readonly string[];
  /** Names given to anyone, for customers who stated neither F nor M; absent where none is usual. */
  unisex?: readonly string[];
  /** Surnames; `Kowalski/Kowalska` is the man's form, then the woman's. */
  surnames: readonly string[];
  /** Whether ä, ö, ü become ae, oe, ue in an e-mail address (German), rather than a, o, u. */
  umlautsAsE?: boolean;
}

const list = (text: string): readonly string[] => text.split(',').map((name) => name.trim());

export const NAME_POOLS = {
  // English-speaking countries, Scottish and Welsh surnames included.
  en: {
    female: list(
      'Olivia, Amelia, Isla, Ava, Emily, Sophie, Grace, Lily, Jessica, Chloe, Charlotte, Hannah, Lucy, Emma, Sarah, ' +
        'Rebecca, Laura, Rachel, Claire, Helen, Karen, Susan, Julie, Nicola, Joanne, Michelle, Elizabeth, Margaret, ' +
        'Patricia, Jennifer, Linda, Barbara, Mary, Ashley, Megan, Lauren, Katherine, Victoria, Zoe, Ellie, Holly, ' +
        'Abigail, Madison, Samantha, Heather, Amanda, Deborah, Gillian, Fiona, Kirsty',
    ),
    male: list(
      'Oliver, George, Harry, Jack, Jacob, Noah, Thomas, Oscar, William, James, Daniel, Matthew, Joshua, Samuel, ' +
        'Benjamin, Luke, Ryan, Adam, David, Michael, Paul, Mark, Andrew, Richard, Stephen, Peter, John, Robert, ' +
        'Christopher, Anthony, Kevin, Gary, Stuart, Graham, Ian, Alan, Craig, Scott, Jason, Brian, Kenneth, Tyler, ' +
        'Ethan, Nathan, Liam, Callum, Connor, Lewis, Kyle, Rhys',
    ),
    unisex: list('Alex, Sam, Jordan, Charlie, Jamie, Robin, Taylor, Morgan, Casey, Riley'),
    surnames: list(
      'Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Johnson, Roberts, Robinson, Thompson, ' +
        'Wright, Walker, White, Edwards, Hughes, Green, Hall, Lewis, Harris, Clarke, Jackson, Wood, Turner, Martin, ' +
        'Cooper, Hill, Ward, Morris, Moore, Clark, Lee, King, Baker, Harrison, Morgan, Allen, James, Scott, Phillips, ' +
        'Watson, Davis, Parker, Price, Bennett, Young, Griffiths, Mitchell, Kelly, Cook, Carter, Richardson, Bailey, ' +
        'Collins, Bell, Shaw, Miller, Cox, Richards, Marshall, Anderson, Simpson, Ellis, Adams, Wilkinson, Foster, ' +
        'Chapman, Mason, Webb, Rogers, Gray, Hunt, Palmer, Holmes, Mills, Barnes, Knight, Lloyd, Butler, Russell, ' +
        'Fisher, Stevens, Jenkins, Murray, Dixon, Harvey, Graham, Pearson, Fletcher, Gibson, Howard, Stewart, ' +
        'MacDonald, Campbell, Reid, Robertson, Fraser, Hamilton, Ross, Paterson, McLean, Sutherland, Burns',
    ),
  },
  // Irish, with the fada (Siobhán) as it is written.
  ga: {
    female: list(
      'Aoife, Siobhán, Niamh, Saoirse, Ciara, Róisín, Sinéad, Orla, Caoimhe, Aisling, Clodagh, Gráinne, Éabha, ' +
        'Mairéad, Deirdre, Áine, Fionnuala, Emer, Nuala, Sadhbh, Méabh, Bríd, Maeve, Sorcha',
    ),
    male: list(
      'Seán, Ciarán, Pádraig, Cian, Oisín, Darragh, Eoin, Conor, Cillian, Fionn, Tadhg, Diarmuid, Donal, Ruairí, ' +
        'Colm, Declan, Eamon, Dara, Niall, Shane, Fergal, Dermot, Kieran, Brendan',
    ),
    surnames: list(
      "Murphy, Kelly, O'Sullivan, Walsh, O'Brien, Byrne, Ryan, O'Connor, O'Neill, O'Reilly, Doyle, McCarthy, " +
        "Gallagher, O'Doherty, Kennedy, Lynch, Murray, Quinn, McLoughlin, O'Carroll, Connolly, Daly, O'Connell, " +
        "Brennan, Burke, Farrell, Fitzgerald, Maguire, Nolan, Flynn, Callaghan, O'Donnell, Duffy, O'Mahony, Boyle, " +
        'Healy, Dunne, Keane, Power, Hogan, Moran, Kavanagh, Whelan, Sheehan, McGrath',
    ),
  },
  de: {
    female: list(
      'Anna, Maria, Sophie, Marie, Emma, Mia, Hannah, Lena, Lea, Laura, Julia, Katharina, Sarah, Lisa, Johanna, ' +
        'Clara, Charlotte, Paula, Sabine, Petra, Claudia, Andrea, Susanne, Stefanie, Nicole, Birgit, Monika, Ursula, ' +
        'Renate, Ingrid, Gisela, Karin, Heike, Anja, Jana, Franziska, Frieda, Greta, Jutta, Jülide',
    ),
    male: list(
      'Lukas, Leon, Felix, Paul, Jonas, Maximilian, Elias, Ben, Finn, Noah, Luca, Tim, Jan, Niklas, Tobias, ' +
        'Florian, Sebastian, Alexander, Daniel, Michael, Thomas, Andreas, Stefan, Markus, Christian, Frank, Jürgen, ' +
        'Klaus, Wolfgang, Dieter, Uwe, Ralf, Matthias, Jörg, Bernd, Helmut, Günter, Moritz, Jannik, Till',
    ),
    unisex: list('Kim, Robin, Alex, Charlie, Toni'),
    surnames: list(
      'Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Schäfer, Koch, Bauer, ' +
        'Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, Braun, Krüger, Hofmann, Hartmann, Lange, ' +
        'Schmitt, Werner, Schmitz, Krause, Meier, Lehmann, Schmid, Schulze, Maier, Köhler, Herrmann, König, Walter, ' +
        'Mayer, Huber, Kaiser, Fuchs, Peters, Lang, Scholz, Möller, Weiß, Jung, Hahn, Vogel, Friedrich, Keller, ' +
        'Günther, Berger, Winkler, Roth, Beck, Lorenz, Baumann, Franke, Albrecht, Ludwig, Böhm, Winter, Kraus, ' +
        'Schumacher, Vogt, Stein, Jäger, Otto, Sommer, Groß, Seidel, Heinrich, Brandt, Haas, Graf, Dietrich, Kühn',
    ),
    umlautsAsE: true,
  },
  fr: {
    female: list(
      'Camille, Léa, Manon, Chloé, Emma, Inès, Jade, Louise, Alice, Lina, Juliette, Sarah, Clara, Lucie, Anaïs, ' +
        'Marine, Pauline, Mathilde, Élodie, Céline, Nathalie, Isabelle, Sandrine, Valérie, Sophie, Christine, ' +
        'Catherine, Martine, Françoise, Monique, Sylvie, Brigitte, Marie-Claire, Anne-Sophie, Margaux, Océane, Zoé, ' +
        'Aurélie, Émilie, Hélène',
    ),
    male: list(
      'Lucas, Hugo, Louis, Gabriel, Arthur, Jules, Raphaël, Léo, Nathan, Théo, Enzo, Tom, Maxime, Antoine, ' +
        'Alexandre, Thomas, Nicolas, Julien, Guillaume, Romain, Sébastien, Mathieu, Pierre, Philippe, Patrick, ' +
        'Michel, Alain, Jean, Bernard, Christophe, Frédéric, Laurent, Olivier, Stéphane, Jean-Pierre, Jean-Luc, ' +
        'François, Benoît, Yannick, Clément',
    ),
    unisex: list('Camille, Dominique, Claude, Sacha, Charlie'),
    surnames: list(
      'Martin, Bernard, Thomas, Petit, Robert, Richard, Durand, Dubois, Moreau, Laurent, Simon, Michel, Lefebvre, ' +
        'Leroy, Roux, David, Bertrand, Morel, Fournier, Girard, Bonnet, Dupont, Lambert, Fontaine, Rousseau, ' +
        'Vincent, Muller, Lefèvre, Faure, André, Mercier, Blanc, Guérin, Boyer, Garnier, Chevalier, François, ' +
        'Legrand, Gauthier, Perrin, Robin, Clément, Morin, Henry, Roussel, Mathieu, Masson, Marchand, Duval, Denis, ' +
        'Dumont, Lemaire, Noël, Dufour, Meunier, Brun, Blanchard, Giraud, Joly, Rivière, Brunet, Gaillard, Barbier, ' +
        'Arnaud, Gérard, Roche, Renard, Colin, Vidal, Caron, Picard, Le Gall, Le Roux, Le Goff, Lebrun, Prévost',
    ),
  },
  // Dutch, and Flemish in Belgium (De Smet, Van Damme keep their capitals).
  nl: {
    female: list(
      'Emma, Julia, Sophie, Tess, Sara, Anna, Fenna, Lotte, Noor, Zoë, Eva, Sanne, Lisa, Anouk, Femke, Iris, Maud, ' +
        'Fleur, Esther, Marieke, Ingrid, Annemarie, Marjolein, Wilma, Ria, Els, Petra, Monique, Karin, Linda, ' +
        'Saskia, Mirjam, Hanneke, Ilse, Joke, Yvonne, Lieve, Griet',
    ),
    male: list(
      'Daan, Sem, Lucas, Levi, Finn, Milan, Bram, Jesse, Thijs, Ruben, Lars, Tim, Jeroen, Bas, Sander, Koen, ' +
        'Wouter, Niels, Pieter, Jan, Kees, Henk, Gerrit, Willem, Johan, Hans, Marco, Erik, Martijn, Joost, Stijn, ' +
        'Sven, Dirk, Maarten, Ruud, Frank, Wim, Jef',
    ),
    unisex: list('Sam, Robin, Kim, Noa'),
    surnames: list(
      'de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer, Mulder, ' +
        'de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra, Smits, de Graaf, ' +
        'van der Meer, van der Linden, Kok, Jacobs, de Haan, Vermeulen, van den Heuvel, van der Veen, van den Broek, ' +
        'de Bruijn, van der Heijden, Schouten, van Beek, Willems, van Vliet, van de Ven, Hoekstra, Maas, Verhoeven, ' +
        'Koster, van Dam, van der Wal, Prins, Blom, Huisman, Peeters, Maes, Claes, Goossens, Wouters, De Smet, ' +
        'Mertens, Van Damme, Verstraeten',
    ),
  },
  es: {
    female: list(
      'María, Lucía, Sofía, Martina, Paula, Julia, Daniela, Valeria, Alba, Carla, Sara, Noa, Laura, Marta, Ana, ' +
        'Elena, Cristina, Isabel, Carmen, Pilar, Dolores, Rosa, Teresa, Raquel, Beatriz, Silvia, Patricia, Nuria, ' +
        'Montserrat, Mercedes, Inmaculada, Ainhoa, Irene, Andrea, Claudia, Lorena, Marina, Rocío, Nerea, Guadalupe',
    ),
    male: list(
      'Hugo, Martín, Lucas, Mateo, Leo, Daniel, Alejandro, Pablo, Manuel, Álvaro, Adrián, David, Mario, Diego, ' +
        'Javier, Sergio, Carlos, Jorge, José, Antonio, Francisco, Juan, Miguel, Rafael, Pedro, Ángel, Fernando, ' +
        'Luis, Jesús, Alberto, Raúl, Enrique, Ramón, Iñaki, Jordi, Xavier, Iker, Rubén, Íñigo, Gonzalo',
    ),
    surnames: list(
      'García, Rodríguez, González, Fernández, López, Martínez, Sánchez, Pérez, Gómez, Martín, Jiménez, Ruiz, ' +
        'Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Alonso, Gutiérrez, Navarro, Torres, Domínguez, Vázquez, ' +
        'Ramos, Gil, Ramírez, Serrano, Blanco, Molina, Morales, Suárez, Ortega, Delgado, Castro, Ortiz, Rubio, ' +
        'Marín, Sanz, Núñez, Iglesias, Medina, Garrido, Cortés, Castillo, Santos, Lozano, Guerrero, Cano, Prieto, ' +
        'Méndez, Cruz, Calvo, Gallego, Vidal, León, Márquez, Herrera, Peña, Flores, Cabrera, Campos, Vega, Fuentes, ' +
        'Carrasco, Reyes, Aguilar, Pascual, Ibáñez, Ferrer, Soler, Puig, Vila, Pujol, Etxeberria, Aguirre',
    ),
  },
  it: {
    female: list(
      'Giulia, Sofia, Aurora, Alice, Ginevra, Emma, Giorgia, Beatrice, Greta, Martina, Chiara, Francesca, Sara, ' +
        'Alessia, Federica, Valentina, Elisa, Silvia, Elena, Laura, Paola, Roberta, Anna, Maria, Giuseppina, Rosa, ' +
        'Angela, Lucia, Carla, Antonella, Simona, Daniela, Monica, Cristina, Serena, Ilaria',
    ),
    male: list(
      'Leonardo, Francesco, Alessandro, Lorenzo, Mattia, Tommaso, Gabriele, Andrea, Riccardo, Edoardo, Matteo, ' +
        'Davide, Federico, Luca, Marco, Simone, Stefano, Paolo, Roberto, Giuseppe, Giovanni, Antonio, Mario, Luigi, ' +
        'Salvatore, Vincenzo, Franco, Massimo, Fabio, Claudio, Maurizio, Alberto, Enrico, Pietro, Nicola, Giorgio',
    ),
    surnames: list(
      'Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, ' +
        'De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti, Barbieri, Fontana, Santoro, Mariani, Rinaldi, ' +
        'Caruso, Ferrara, Galli, Martini, Leone, Longo, Gentile, Martinelli, Vitale, Lombardo, Serra, Coppola, ' +
        "De Santis, D'Angelo, Marchetti, Parisi, Villa, Conte, Ferraro, Ferri, Fabbri, Bianco, Marini, Grasso, " +
        'Valentini, Messina, Sala, De Angelis, Gatti, Pellegrini, Palumbo, Sanna, Farina, Rizzi, Monti, Cattaneo, ' +
        "Morelli, Amato, Silvestri, Mazza, Testa, D'Amico, Orlando, Piras, Sorrentino",
    ),
  },
  pt: {
    female: list(
      'Maria, Ana, Beatriz, Leonor, Matilde, Carolina, Mariana, Inês, Sofia, Francisca, Margarida, Lara, Joana, ' +
        'Rita, Catarina, Marta, Sara, Filipa, Teresa, Helena, Isabel, Fernanda, Fátima, Conceição, Manuela, Graça, ' +
        'Luísa, Patrícia, Sandra, Cláudia',
    ),
    male: list(
      'João, Francisco, Santiago, Afonso, Tomás, Duarte, Rodrigo, Martim, Miguel, Gonçalo, Diogo, Pedro, Tiago, ' +
        'Rui, Nuno, Ricardo, Paulo, Luís, Carlos, José, António, Manuel, Jorge, Fernando, Vasco, Bruno, Hugo, ' +
        'André, Sérgio, Filipe',
    ),
    surnames: list(
      'Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Jesus, Sousa, Fernandes, Gonçalves, ' +
        'Gomes, Lopes, Marques, Alves, Almeida, Ribeiro, Pinto, Carvalho, Teixeira, Moreira, Correia, Mendes, Nunes, ' +
        'Soares, Vieira, Monteiro, Cardoso, Rocha, Neves, Coelho, Cruz, Cunha, Pires, Ramos, Reis, Simões, Antunes, ' +
        'Matos, Fonseca, Machado, Araújo, Barbosa, Tavares, Lourenço, Figueiredo, Azevedo, Freitas, Magalhães',
    ),
  },
  sv: {
    female: list(
      'Alice, Maja, Elsa, Astrid, Wilma, Ebba, Freja, Olivia, Saga, Alva, Ella, Agnes, Linnea, Klara, Ida, Emma, ' +
        'Sara, Hanna, Johanna, Elin, Sofia, Anna, Maria, Karin, Kristina, Lena, Eva, Birgitta, Ingrid, Margareta, ' +
        'Ulla, Marie, Malin, Jenny, Annika, Åsa, Camilla, Helena, Cecilia, Louise',
    ),
    male: list(
      'William, Liam, Noah, Hugo, Lucas, Oliver, Elias, Adam, Alexander, Axel, Oscar, Erik, Lars, Anders, Johan, ' +
        'Per, Karl, Nils, Mikael, Jan, Peter, Magnus, Fredrik, Daniel, Andreas, Mattias, Jonas, Henrik, Björn, ' +
        'Stefan, Mats, Göran, Leif, Sven, Gustav, Viktor, Emil, Filip, Anton, Olof',
    ),
    unisex: list('Kim, Robin, Alex, Love, Mika'),
    surnames: list(
      'Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, Svensson, Gustafsson, ' +
        'Pettersson, Jonsson, Jansson, Hansson, Bengtsson, Jönsson, Lindberg, Jakobsson, Magnusson, Olofsson, ' +
        'Lindström, Lindqvist, Lindgren, Berg, Axelsson, Bergström, Lundberg, Lind, Lundgren, Lundqvist, Mattsson, ' +
        'Berglund, Fredriksson, Sandberg, Henriksson, Forsberg, Sjöberg, Wallin, Engström, Eklund, Danielsson, ' +
        'Lundin, Håkansson, Björk, Bergman, Gunnarsson, Holm, Wikström, Samuelsson, Isaksson, Nyström, Holmberg',
    ),
  },
  da: {
    female: list(
      'Ida, Emma, Alma, Ella, Sofia, Freja, Clara, Karla, Anna, Laura, Mathilde, Agnes, Josefine, Caroline, Maria, ' +
        'Kirsten, Hanne, Mette, Anne, Susanne, Lene, Birgit, Karen, Lone, Pia, Tina, Camilla, Louise, Signe, Line, ' +
        'Marianne, Inge',
    ),
    male: list(
      'William, Noah, Oscar, Lucas, Carl, Victor, Malthe, Emil, Oliver, Magnus, Frederik, Mads, Rasmus, Mikkel, ' +
        'Christian, Jens, Lars, Søren, Niels, Peter, Henrik, Thomas, Jesper, Morten, Anders, Martin, Jakob, Kasper, ' +
        'Poul, Hans, Bent, Ole',
    ),
    surnames: list(
      'Nielsen, Jensen, Hansen, Pedersen, Andersen, Christensen, Larsen, Sørensen, Rasmussen, Jørgensen, ' +
        'Petersen, Madsen, Kristensen, Olsen, Thomsen, Christiansen, Poulsen, Johansen, Møller, Mortensen, Knudsen, ' +
        'Jakobsen, Mikkelsen, Olesen, Frederiksen, Laursen, Henriksen, Lund, Holm, Schmidt, Eriksen, Clausen, ' +
        'Simonsen, Svendsen, Andreasen, Iversen, Østergaard, Jeppesen, Vestergaard, Nissen, Lauridsen, Kjær, ' +
        'Mogensen, Skov, Dahl, Bach',
    ),
  },
  no: {
    female: list(
      'Nora, Emma, Olivia, Ella, Sofie, Leah, Frida, Ingrid, Sara, Maja, Astrid, Hedda, Thea, Ida, Anne, Inger, ' +
        'Kari, Marit, Liv, Randi, Anna, Hilde, Silje, Ragnhild, Tone, Hege, Kristin, Solveig, Gunn, Tuva',
    ),
    male: list(
      'Jakob, Emil, Noah, Oliver, Filip, William, Lucas, Henrik, Aksel, Magnus, Sondre, Kristian, Ole, Lars, Jan, ' +
        'Per, Bjørn, Knut, Arne, Svein, Hans, Geir, Tor, Terje, Morten, Odd, Espen, Eirik, Håkon, Sindre, Trond, ' +
        'Jørgen',
    ),
    surnames: list(
      'Hansen, Johansen, Olsen, Larsen, Andersen, Pedersen, Nilsen, Kristiansen, Jensen, Karlsen, Johnsen, ' +
        'Pettersen, Eriksen, Berg, Haugen, Hagen, Johannessen, Andreassen, Jacobsen, Dahl, Jørgensen, Halvorsen, ' +
        'Henriksen, Lund, Sørensen, Moen, Gundersen, Iversen, Strand, Solberg, Svendsen, Eide, Knutsen, Martinsen, ' +
        'Paulsen, Bakken, Kristoffersen, Mathisen, Lie, Amundsen, Lunde, Solheim, Berge, Moe, Nygård, Sæther, Aas',
    ),
  },
  pl: {
    female: list(
      'Zuzanna, Julia, Maja, Zofia, Hanna, Lena, Alicja, Maria, Amelia, Oliwia, Anna, Katarzyna, Małgorzata, ' +
        'Agnieszka, Barbara, Ewa, Krystyna, Elżbieta, Magdalena, Joanna, Aleksandra, Monika, Dorota, Beata, ' +
        'Jadwiga, Teresa, Natalia, Karolina, Marta, Justyna, Agata, Paulina',
    ),
    male: list(
      'Antoni, Jan, Aleksander, Franciszek, Jakub, Szymon, Filip, Stanisław, Mikołaj, Wojciech, Piotr, Krzysztof, ' +
        'Andrzej, Tomasz, Paweł, Marcin, Michał, Marek, Grzegorz, Józef, Łukasz, Adam, Zbigniew, Jerzy, Tadeusz, ' +
        'Mateusz, Dariusz, Mariusz, Rafał, Kamil, Maciej, Bartosz',
    ),
    surnames: list(
      'Nowak, Kowalski/Kowalska, Wiśniewski/Wiśniewska, Wójcik, Kowalczyk, Kamiński/Kamińska, ' +
        'Lewandowski/Lewandowska, Zieliński/Zielińska, Szymański/Szymańska, Woźniak, Dąbrowski/Dąbrowska, ' +
        'Kozłowski/Kozłowska, Jankowski/Jankowska, Mazur, Kwiatkowski/Kwiatkowska, Krawczyk, Kaczmarek, ' +
        'Piotrowski/Piotrowska, Grabowski/Grabowska, Zając, Pawłowski/Pawłowska, Michalski/Michalska, Król, ' +
        'Wieczorek, Jabłoński/Jabłońska, Wróbel, Majewski/Majewska, Olszewski/Olszewska, Stępień, ' +
        'Malinowski/Malinowska, Jaworski/Jaworska, Adamczyk, Dudek, Nowicki/Nowicka, Pawlak, Górski/Górska, ' +
        'Walczak, Sikora, Baran, Rutkowski/Rutkowska, Michalak, Szewczyk, Ostrowski/Ostrowska, Pietrzak',
    ),
  },
  tr: {
    female: list(
      'Zeynep, Elif, Ayşe, Fatma, Emine, Hatice, Merve, Esra, Büşra, Selin, Ece, Defne, Yağmur, Derya, Özlem, ' +
        'Aylin, Sevgi, Gül, Melek, Nur, Hülya, Dilek, Canan, Leyla',
    ),
    male: list(
      'Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Hasan, İbrahim, Murat, Emre, Burak, Can, Cem, Kemal, Yusuf, Ömer, ' +
        'Serkan, Volkan, Tolga, Onur, Kerem, Baran, Eren, Arda, Okan',
    ),
    unisex: list('Deniz, Ümit, Evren'),
    surnames: list(
      'Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir, Arslan, Doğan, Kılıç, Aslan, ' +
        'Çetin, Kara, Koç, Kurt, Özkan, Şimşek, Polat, Korkmaz, Erdoğan, Güneş, Aksoy, Acar, Tekin, Bulut, Keskin, ' +
        'Ünal',
    ),
  },
  // Arabic and North African names as they are spelled in Europe.
  ar: {
    female: list(
      'Fatima, Amina, Yasmine, Nour, Leila, Salma, Sara, Mariam, Khadija, Aicha, Rania, Samira, Nadia, Hanane, ' +
        'Souad, Zineb, Imane, Meryem, Lina, Hiba, Dounia, Malika',
    ),
    male: list(
      'Mohamed, Ahmed, Youssef, Karim, Mehdi, Omar, Ali, Hamza, Bilal, Rachid, Samir, Nabil, Said, Yassine, Adam, ' +
        'Ibrahim, Ayoub, Anas, Khalid, Hassan, Amine, Walid',
    ),
    surnames: list(
      'Benali, El Amrani, Haddad, Mansour, Bouzid, Saidi, Belkacem, Cherif, Hamdi, Khalil, Nasser, El Idrissi, ' +
        'Bakkali, Ziani, Aziz, Ben Salah, Toumi, Rahmani, Brahimi, Mahmoud, Abdallah, El Khatib, Ait Ali, Boukhris, ' +
        'Farah, Jaber, Kaddour, Lahlou, Slimani, Benjelloun',
    ),
  },
  // South Asian; Singh and Kaur are the Sikh men's and women's names.
  sa: {
    female: list(
      'Priya, Anjali, Aisha, Fatima, Zara, Ayesha, Simran, Pooja, Neha, Sana, Maryam, Nisha, Kavita, Sunita, Anika, ' +
        'Divya, Jaspreet, Harpreet, Shreya, Riya, Amara, Nadia',
    ),
    male: list(
      'Raj, Amit, Arjun, Rohan, Vikram, Sanjay, Ravi, Imran, Mohammed, Hassan, Bilal, Usman, Zain, Harjit, ' +
        'Gurpreet, Aarav, Dev, Anil, Sunil, Rahul, Faisal, Tariq',
    ),
    unisex: list('Kiran, Manpreet, Jaspal'),
    surnames: list(
      'Patel, Shah, Khan, Singh/Kaur, Ahmed, Hussain, Ali, Sharma, Gupta, Mistry, Chauhan, Kumar, Rahman, Iqbal, ' +
        'Malik, Chowdhury, Sandhu, Gill, Dhillon, Bhatt, Mehta, Desai, Joshi, Reddy, Nair, Rao, Akhtar, Siddiqui, ' +
        'Qureshi, Mahmood',
    ),
  },
  // Chinese, in pinyin and in Cantonese spellings (Wong, Chan) common abroad.
  zh: {
    female: list('Mei, Xiu, Ying, Jing, Hui, Yan, Fang, Xiaoling, Lili, Min, Wen, Yue, Qian, Ling, Na, Ting, Jia, Xue'),
    male: list('Wei, Jun, Hao, Ming, Lei, Jie, Tao, Bo, Yang, Qiang, Jian, Hong, Zhi, Kai, Long, Feng, Bin, Hua'),
    surnames: list(
      'Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Ma, Zhu, Hu, Guo, He, Lin, Luo, Gao, ' +
        'Wong, Chan, Cheung, Lau, Leung, Ng, Ho, Tang, Lam, Yip',
    ),
  },
  // West African (Nigerian and Ghanaian).
  wa: {
    female: list(
      'Chioma, Ngozi, Adaeze, Funmilayo, Folake, Abimbola, Ama, Akosua, Efua, Ifeoma, Blessing, Temitope, Yetunde, ' +
        'Chidinma, Nneka, Abena',
    ),
    male: list(
      'Chidi, Emeka, Oluwaseun, Tunde, Kwame, Kofi, Kwabena, Yaw, Chinedu, Obinna, Babajide, Segun, Ikenna, Femi, ' +
        'Adebayo, Nnamdi, Kayode, Kwesi',
    ),
    surnames: list(
      'Okafor, Adeyemi, Okonkwo, Mensah, Boateng, Asante, Owusu, Eze, Nwosu, Olawale, Balogun, Afolabi, Osei, ' +
        'Appiah, Agyeman, Nwachukwu, Obi, Adeleke, Ogunleye, Okeke, Danso, Ofori',
    ),
  },
} satisfies Record<string, NamePool>;

export type PoolName = keyof typeof NAME_POOLS;
